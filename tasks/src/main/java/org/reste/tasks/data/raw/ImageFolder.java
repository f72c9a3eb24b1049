package org.reste.tasks.data.raw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.image.ImageDecoder;

/**
 * A class-folder data set as torchvision's {@code ImageFolder} reads it (the layout ImageNet is
 * used in): {@code root/train/<class>/*.jpg|jpeg|png} and {@code root/val/<class>/...}.
 *
 * <p>Classes and images are listed by {@link ClassFolders} (the rule preprocessing uses too):
 * classes are the sub-folders of {@code train}, sorted; images are the .jpg/.jpeg/.png files of a
 * class folder, nested ones included, hidden entries never. {@code val} must hold the same class
 * folders. Files are listed class by class, each class's files sorted by their path relative to
 * the class folder, so the listing, and every index into it, is the same on every machine.
 *
 * <p>Only names are read here (one {@link Path} kept per image: 1.28 million for ImageNet's
 * training split); decoding happens in {@link ImageDecoder}, one image at a time.
 *
 * <p>The raw ImageNet validation archive is flat (50,000 files in one folder); it has to be moved
 * into class folders first (the usual {@code valprep.sh}).
 */
public final class ImageFolder {

    /** The two splits and their folder names. */
    public enum Split {
        TRAIN("train"),
        VAL("val");

        private final String folder;

        Split(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    private final Path root;
    private final List<String> classes;
    private final Map<Split, List<LabelledFile>> files = new EnumMap<>(Split.class);

    private ImageFolder(Path root, List<String> classes) {
        this.root = root;
        this.classes = classes;
    }

    /**
     * Lists both splits.
     *
     * @throws DatasetException if {@code root}, {@code train} or {@code val} is missing, there
     *     are no class folders, the splits' classes differ, or a class folder holds no image
     */
    public static ImageFolder open(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw DatasetException.at(abs, "no such folder (expected an ImageFolder root holding train/ and val/)");
        }
        List<String> trainClasses = classFolders(abs, Split.TRAIN);
        List<String> valClasses = classFolders(abs, Split.VAL);
        if (!trainClasses.equals(valClasses)) {
            throw mismatch(abs, trainClasses, valClasses);
        }
        ImageFolder folder = new ImageFolder(abs, List.copyOf(trainClasses));
        for (Split split : Split.values()) {
            folder.files.put(split, folder.list(split));
        }
        return folder;
    }

    public Path root() {
        return root;
    }

    /** Class folder names, sorted; the index of a name is its label. */
    public List<String> classes() {
        return classes;
    }

    public int numClasses() {
        return classes.size();
    }

    /** Every image of a split with its label, class by class, sorted within a class. */
    public List<LabelledFile> files(Split split) {
        return files.get(split);
    }

    /** Images per class in a split; a fresh array of length {@link #numClasses()}. */
    public int[] classCounts(Split split) {
        int[] counts = new int[classes.size()];
        for (LabelledFile file : files(split)) {
            counts[file.label()]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImageFolder %s: %,d classes, %,d train / %,d val images",
                root, classes.size(), files(Split.TRAIN).size(), files(Split.VAL).size());
    }

    private static List<String> classFolders(Path root, Split split) {
        Path dir = root.resolve(split.folder());
        if (!Files.isDirectory(dir)) {
            throw DatasetException.at(dir, "missing %s split folder (expected %s/<class>/<image>)",
                    split.folder(), split.folder());
        }
        List<String> names = ClassFolders.classes(dir);
        if (names.isEmpty()) {
            throw DatasetException.at(dir, "no class folders (expected %s/<class>/<image>)", split.folder());
        }
        return names;
    }

    private List<LabelledFile> list(Split split) {
        List<LabelledFile> out = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = root.resolve(split.folder()).resolve(classes.get(label));
            List<String> relative = ClassFolders.images(classDir).images();
            if (relative.isEmpty()) {
                throw DatasetException.at(classDir, "class '%s' has no images (.jpg, .jpeg or .png) in the %s split",
                        classes.get(label), split.folder());
            }
            for (String name : relative) {
                out.add(new LabelledFile(classDir.resolve(name), label));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static DatasetException mismatch(Path root, List<String> train, List<String> val) {
        Set<String> onlyTrain = new TreeSet<>(train);
        onlyTrain.removeAll(val);
        Set<String> onlyVal = new TreeSet<>(val);
        onlyVal.removeAll(train);
        return DatasetException.at(root, "train has %d classes, val has %d; only in train: %s; only in val: %s",
                train.size(), val.size(), firstFew(onlyTrain), firstFew(onlyVal));
    }

    private static String firstFew(Set<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        List<String> list = new ArrayList<>(names);
        String shown = String.join(", ", list.subList(0, Math.min(5, list.size())));
        return list.size() > 5 ? shown + String.format(Locale.ROOT, " and %,d more", list.size() - 5) : shown;
    }
}
