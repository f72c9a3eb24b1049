package org.reste.tasks.data.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.reste.tasks.data.DatasetException;

/**
 * The one rule by which a class-folder tree ({@code <split>/<class>/<image>}) is read, shared by
 * training straight from the folders ({@link ImageFolder}) and by preprocessing them into shards,
 * so both give every image the same label and index.
 *
 * <ul>
 *   <li>Classes are the split folder's sub-folders, sorted by name (Java string order, Python's for
 *       names in the Basic Multilingual Plane); a class's label is its place in that list.
 *   <li>A class's images are its regular files named {@code .jpg}, {@code .jpeg} or {@code .png} (any
 *       case: ImageNet's are {@code .JPEG}), also in nested folders (as torchvision's ImageFolder
 *       walks them), sorted by their path relative to the class folder.
 *   <li>Hidden entries (a name starting with a dot: {@code .ipynb_checkpoints}, {@code ._x.jpg} of
 *       macOS, {@code .DS_Store}) are never classes or images, nor is anything inside them. Here we
 *       part from torchvision, which would make a hidden folder a class of its own.
 * </ul>
 */
public final class ClassFolders {

    /** File extensions (lower case, without the dot) taken as images. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png");

    private ClassFolders() {}

    /** A class folder's images (paths relative to it, sorted) and how many other files it holds. */
    public record Listing(List<String> images, int skipped) {}

    /** The class names of a split folder, sorted; empty when it has none. */
    public static List<String> classes(Path splitDir) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(splitDir)) {
            entries.filter(Files::isDirectory).map(ClassFolders::name).filter(n -> !isHidden(n)).forEach(names::add);
        } catch (IOException e) {
            throw DatasetException.io(splitDir, e);
        }
        Collections.sort(names);
        return names;
    }

    /** The images of one class folder, with the count of files that are not images (for a log line). */
    public static Listing images(Path classDir) {
        List<String> images = new ArrayList<>();
        int[] others = {0};
        try (Stream<Path> walk = Files.walk(classDir, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(p -> !p.equals(classDir) && Files.isRegularFile(p)).forEach(p -> {
                Path relative = classDir.relativize(p);
                if (isImageName(p) && !underHiddenName(relative)) {
                    images.add(relative.toString());
                } else {
                    others[0]++;
                }
            });
        } catch (IOException e) {
            throw DatasetException.io(classDir, e);
        } catch (UncheckedIOException e) {
            throw DatasetException.io(classDir, e.getCause());
        }
        Collections.sort(images);
        return new Listing(List.copyOf(images), others[0]);
    }

    /** Whether the file name ends in one of {@link #EXTENSIONS}, in any case. */
    public static boolean isImageName(Path file) {
        String name = name(file);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean underHiddenName(Path relative) {
        for (Path part : relative) {
            if (isHidden(name(part))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".");
    }

    /** A path's last name, without the trailing slash a Cloud Storage folder's name has. */
    private static String name(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
