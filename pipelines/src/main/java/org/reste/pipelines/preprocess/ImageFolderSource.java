package org.reste.pipelines.preprocess;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.raw.ClassFolders;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.data.tfrecord.TfExample;
import org.reste.tasks.io.Locations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ImageNet in the class-folder layout: {@code <root>/train/<class>/*.JPEG} and
 * {@code <root>/val/<class>/*.JPEG} (the layout torchvision's ImageFolder reads; the official
 * flat val folder must be sorted into class folders first). Labels are the train class folders'
 * names, sorted: label i is {@code class_names[i]} in the manifest. The split names stay train and
 * val; readers take val as the test split.
 *
 * <p>Files are stored as they are ({@code image/encoded}, with {@code image/format},
 * {@code image/filename} {@code <class>/<file>} and the height, width and channel count read from
 * the image header); nothing is decoded or resized here. Classes and images are listed by
 * {@link ClassFolders}, the rule training from the folders uses too (nested folders read, hidden
 * entries never), so both label every image alike. Images are numbered in label order, then by
 * path within a class; files other than .jpg/.jpeg/.png images are skipped, and the skip is logged.
 *
 * <p>The driver lists the folders (to check them, count and number the images); the pipeline
 * lists each class folder again in a DoFn (one element per class, so the job graph stays small),
 * reshuffles the files over workers and reads each file in a DoFn.
 */
final class ImageFolderSource implements RawSource {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);
    private static final List<String> SPLITS = List.of("train", "val");

    /** One class folder of one split: images {@code offset .. offset+count-1} of the split. */
    record ClassFolder(String split, int label, String className, String dir, int offset, int count)
            implements Serializable {}

    /** One image file: its index in the split, its label and where it is. */
    record ImageFile(String split, int index, int label, String path, String name) implements Serializable {}

    private final String dataset;
    private final Path root;
    private final List<String> classes;
    private final Map<String, List<ClassFolder>> folders;
    private final Map<String, Integer> counts;
    private final Map<String, Long> bytes;

    private ImageFolderSource(String dataset, Path root, List<String> classes, Map<String, List<ClassFolder>> folders,
                              Map<String, Integer> counts, Map<String, Long> bytes) {
        this.dataset = dataset;
        this.root = root;
        this.classes = classes;
        this.folders = folders;
        this.counts = counts;
        this.bytes = bytes;
    }

    static ImageFolderSource open(String dataset, Path input) {
        Path root = input.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw DatasetException.at(root, "ImageNet folder does not exist");
        }
        for (String split : SPLITS) {
            if (!Files.isDirectory(root.resolve(split))) {
                throw DatasetException.at(root.resolve(split),
                        "missing: an ImageNet root holds train/<class>/ and val/<class>/ folders of images");
            }
        }
        List<String> classes = ClassFolders.classes(root.resolve("train"));
        if (classes.isEmpty()) {
            throw DatasetException.at(root.resolve("train"), "holds no class folders");
        }
        Map<String, List<ClassFolder>> folders = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String split : SPLITS) {
            Path splitDir = root.resolve(split);
            for (String name : ClassFolders.classes(splitDir)) {
                if (!classes.contains(name)) {
                    throw DatasetException.at(splitDir.resolve(name), "class folder is not among the %,d train classes",
                            classes.size());
                }
            }
            List<ClassFolder> list = new ArrayList<>();
            int offset = 0;
            long size = 0;
            int skipped = 0;
            for (int label = 0; label < classes.size(); label++) {
                Path dir = splitDir.resolve(classes.get(label));
                if (!Files.isDirectory(dir)) {
                    continue; // a class without images in this split
                }
                ClassFolders.Listing images = ClassFolders.images(dir);
                skipped += images.skipped();
                for (String image : images.images()) {
                    size += sizeOf(dir.resolve(image));
                }
                list.add(new ClassFolder(split, label, classes.get(label), Locations.uri(dir), offset, images.images().size()));
                offset += images.images().size();
            }
            if (offset == 0) {
                throw DatasetException.at(splitDir, "holds no images (.jpg, .jpeg or .png in class folders)");
            }
            if (skipped > 0) {
                LOG.warn("{}: skipped {} files that are not .jpg/.jpeg/.png images", splitDir, skipped);
            }
            folders.put(split, list);
            counts.put(split, offset);
            bytes.put(split, size);
        }
        return new ImageFolderSource(dataset, root, classes, folders, counts, bytes);
    }

    @Override
    public List<String> splits() {
        return SPLITS;
    }

    @Override
    public int count(String split) {
        return counts.get(split);
    }

    @Override
    public long bytes(String split) {
        return bytes.get(split);
    }

    @Override
    public PTransform<PBegin, PCollection<byte[]>> read(String split) {
        return new ReadSplit(dataset, folders.get(split));
    }

    @Override
    public ShardManifest header() {
        String source = String.format(Locale.ROOT, "ImageNet-style class folders at %s (%,d classes; %,d train / %,d val"
                + " images)", Locations.show(root), classes.size(), counts.get("train"), counts.get("val"));
        return new ShardManifest(dataset, ShardManifest.FORMAT, ShardManifest.ENCODED, null, null, null, classes.size(),
                classes, null, source, ShardManifest.CREATED_BY);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    /** One split: class folders -> image files -> (reshuffled over workers) -> serialized Examples. */
    static final class ReadSplit extends PTransform<PBegin, PCollection<byte[]>> {
        private final String dataset;
        private final List<ClassFolder> folders;

        ReadSplit(String dataset, List<ClassFolder> folders) {
            this.dataset = dataset;
            this.folders = folders;
        }

        @Override
        public PCollection<byte[]> expand(PBegin begin) {
            return begin
                    .apply("ClassFolders", Create.of(folders).withCoder(SerializableCoder.of(ClassFolder.class)))
                    .apply("ListImages", ParDo.of(new ListImagesFn()))
                    .setCoder(SerializableCoder.of(ImageFile.class))
                    .apply("SpreadFiles", Reshuffle.viaRandomKey())
                    .apply("EncodeFiles", ParDo.of(new EncodeFileFn(dataset)));
        }
    }

    /** Lists one class folder (it must still hold what the driver counted) and numbers its images. */
    static final class ListImagesFn extends DoFn<ClassFolder, ImageFile> {
        @ProcessElement
        public void process(@Element ClassFolder folder, OutputReceiver<ImageFile> out) {
            Path dir = Locations.of(folder.dir());
            List<String> images = ClassFolders.images(dir).images();
            if (images.size() != folder.count()) {
                throw DatasetException.at(dir, "changed while preprocessing: %,d images now, %,d when the job started",
                        images.size(), folder.count());
            }
            for (int i = 0; i < images.size(); i++) {
                String image = images.get(i);
                out.output(new ImageFile(folder.split(), folder.offset() + i, folder.label(), Locations.uri(dir.resolve(image)),
                        folder.className() + "/" + image));
            }
        }
    }

    /** Reads one image file and emits it as an encoded Example, with the shape from its header. */
    static final class EncodeFileFn extends DoFn<ImageFile, byte[]> {
        private final String dataset;

        EncodeFileFn(String dataset) {
            this.dataset = dataset;
        }

        @ProcessElement
        public void process(@Element ImageFile image, OutputReceiver<byte[]> out) {
            Path file = Locations.of(image.path());
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw DatasetException.io(file, e);
            }
            Header header = Header.read(file, bytes);
            out.output(TfExample.encodedImage(TfExample.id(dataset, image.split(), image.index()), image.label(), bytes,
                    header.format(), image.name(), header.height(), header.width(), header.channels()).toByteArray());
        }
    }

    /** What an image file's header says; channels is null where the reader cannot tell (e.g. CMYK JPEG). */
    record Header(String format, int height, int width, Integer channels) {

        static Header read(Path file, byte[] bytes) {
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw DatasetException.at(file, "not a JPEG or PNG image (no image reader recognises its bytes)");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                    if (!format.equals("jpeg") && !format.equals("png")) {
                        throw DatasetException.at(file, "is a %s image; expected JPEG or PNG", format);
                    }
                    int width = reader.getWidth(0);
                    int height = reader.getHeight(0);
                    Integer channels = null;
                    try {
                        ImageTypeSpecifier type = reader.getRawImageType(0);
                        channels = type == null ? null : type.getNumBands();
                    } catch (IOException | RuntimeException unknown) {
                        // a header ImageIO cannot map to a colour model: width and height are enough
                    }
                    return new Header(format, height, width, channels);
                } finally {
                    reader.dispose();
                }
            } catch (IOException e) {
                throw DatasetException.at(file, "not a readable JPEG/PNG image: %s", e.getMessage());
            }
        }
    }
}
