package org.reste.tasks.data.raw;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.io.Locations;

/**
 * Fashion-MNIST read from the four official idx files, gzipped or plain (whichever is present).
 *
 * <p>Images come out as 3x32x32: each 28x28 grey image is zero-padded by 2 pixels on every side
 * and its plane copied to three channels, so the CIFAR-10 backbones apply unchanged. Splits are
 * read on first use and cached; optional limits stream only the first N images and labels.
 */
public final class FashionMnistIdx implements InMemoryDataset {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;
    public static final int SOURCE_SIDE = 28;
    public static final int SIDE = 32;
    public static final int PAD = (SIDE - SOURCE_SIDE) / 2;
    public static final int CHANNELS = 3;
    public static final int NUM_CLASSES = 10;
    /** Pass as a limit to read a whole split. */
    public static final int ALL = Integer.MAX_VALUE;

    private static final int SOURCE_BYTES = SOURCE_SIDE * SOURCE_SIDE;
    private static final int PLANE = SIDE * SIDE;
    private static final int HEADER_IMAGES = 16;
    private static final int HEADER_LABELS = 8;

    private final Path dir;
    private final int trainLimit;
    private final int testLimit;
    private ImageSet train;
    private ImageSet test;

    /** All 60,000 training and 10,000 test images. */
    public FashionMnistIdx(Path dir) {
        this(dir, ALL, ALL);
    }

    /**
     * @param dir        folder holding {@code train-images-idx3-ubyte[.gz]} and the three other files
     * @param trainLimit read at most this many training images (from the start), {@link #ALL} for all
     * @param testLimit  read at most this many test images, {@link #ALL} for all
     * @throws DatasetException if the folder or one of the four files is missing
     */
    public FashionMnistIdx(Path dir, int trainLimit, int testLimit) {
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be >= 0, got " + trainLimit + ", " + testLimit);
        }
        this.dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.dir)) {
            throw DatasetException.at(this.dir, "Fashion-MNIST directory does not exist");
        }
        for (String base : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            locate(base); // fail now, not at first use
        }
        this.trainLimit = trainLimit;
        this.testLimit = testLimit;
    }

    @Override
    public synchronized ImageSet train() {
        if (train == null) {
            train = read("fashion-mnist/train", "train", trainLimit);
        }
        return train;
    }

    @Override
    public synchronized ImageSet test() {
        if (test == null) {
            test = read("fashion-mnist/test", "t10k", testLimit);
        }
        return test;
    }

    @Override
    public String describe() {
        String text = "Fashion-MNIST idx files at " + Locations.show(dir) + " (28x28 grey, padded to 3x32x32)";
        if (trainLimit != ALL || testLimit != ALL) {
            text += String.format(Locale.ROOT, " (at most %s train / %s test images)",
                    limitText(trainLimit), limitText(testLimit));
        }
        return text;
    }

    private static String limitText(int limit) {
        return limit == ALL ? "all" : String.format(Locale.ROOT, "%,d", limit);
    }

    /** The .gz file if present, else the plain one. */
    private Path locate(String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw DatasetException.at(gz, "missing Fashion-MNIST file; expected %s.gz or %s in %s", base, base, dir);
    }

    private ImageSet read(String name, String prefix, int limit) {
        Path imagesFile = locate(prefix + "-images-idx3-ubyte");
        Path labelsFile = locate(prefix + "-labels-idx1-ubyte");
        try (DataInputStream images = open(imagesFile); DataInputStream labels = open(labelsFile)) {
            int imageCount = readImagesHeader(imagesFile, images);
            int labelCount = readLabelsHeader(labelsFile, labels);
            if (imageCount != labelCount) {
                throw DatasetException.at(imagesFile, "header says %,d images but %s says %,d labels",
                        imageCount, labelsFile.getFileName(), labelCount);
            }
            int n = Math.min(limit, imageCount);
            ImageSet set = new ImageSet(name, CHANNELS, SIDE, SIDE, NUM_CLASSES,
                    readPixels(imagesFile, images, n), readLabels(labelsFile, labels, n));
            readRest(imagesFile, images, (long) (imageCount - n) * SOURCE_BYTES);
            readRest(labelsFile, labels, (long) labelCount - n);
            return set;
        } catch (IOException e) { // only close() gets here; reads report their own file
            throw DatasetException.io(imagesFile, e);
        }
    }

    /**
     * Reads a .gz file to its end, past the images a limit skips: only there does gzip check its
     * CRC-32 and length trailer, so a damaged file is named instead of read. A plain file was
     * size-checked up front.
     */
    private static void readRest(Path file, DataInputStream in, long expected) {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return;
        }
        try {
            long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
            if (rest != expected) {
                throw DatasetException.at(file, "%s: %,d bytes after the images read, expected %,d",
                        rest < expected ? "truncated" : "too large", rest, expected);
            }
        } catch (java.util.zip.ZipException e) {
            throw DatasetException.at(file, "damaged: gzip's check of its content failed (%s)", e.getMessage());
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    private static DataInputStream open(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16); // reads the gzip header: may throw
            }
            return new DataInputStream(new BufferedInputStream(in, 1 << 16));
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    /** Checks magic and 28x28; returns the image count. */
    private static int readImagesHeader(Path file, DataInputStream in) {
        int[] header = readInts(file, in, 4);
        if (header[0] != IMAGES_MAGIC) {
            throw DatasetException.at(file, "magic number %d, expected %d (idx3 unsigned-byte images)",
                    header[0], IMAGES_MAGIC);
        }
        if (header[2] != SOURCE_SIDE || header[3] != SOURCE_SIDE) {
            throw DatasetException.at(file, "images are %dx%d, expected %dx%d",
                    header[2], header[3], SOURCE_SIDE, SOURCE_SIDE);
        }
        checkCount(file, header[1]);
        checkPlainSize(file, HEADER_IMAGES + (long) header[1] * SOURCE_BYTES, header[1], "images");
        return header[1];
    }

    /** Checks magic; returns the label count. */
    private static int readLabelsHeader(Path file, DataInputStream in) {
        int[] header = readInts(file, in, 2);
        if (header[0] != LABELS_MAGIC) {
            throw DatasetException.at(file, "magic number %d, expected %d (idx1 unsigned-byte labels)",
                    header[0], LABELS_MAGIC);
        }
        checkCount(file, header[1]);
        checkPlainSize(file, HEADER_LABELS + (long) header[1], header[1], "labels");
        return header[1];
    }

    private static void checkCount(Path file, int count) {
        if (count < 0) {
            throw DatasetException.at(file, "negative item count %d in header", count);
        }
    }

    /** Plain files can be size-checked up front; gz files are checked by running out of data. */
    private static void checkPlainSize(Path file, long expected, int count, String what) {
        if (file.getFileName().toString().endsWith(".gz")) {
            return;
        }
        try {
            long size = Files.size(file);
            if (size != expected) {
                throw DatasetException.at(file, "%s: %,d bytes, expected %,d (header declares %,d %s)",
                        size < expected ? "truncated" : "too large", size, expected, count, what);
            }
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    private static int[] readInts(Path file, DataInputStream in, int count) {
        int[] values = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                values[i] = in.readInt(); // idx is big-endian, as DataInputStream reads
            }
        } catch (EOFException e) {
            throw DatasetException.at(file, "truncated: file ends inside the %d-byte header", 4 * count);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
        return values;
    }

    /** Streams {@code n} 28x28 images into a zero-padded 3x32x32 NCHW array. */
    private static byte[] readPixels(Path file, DataInputStream in, int n) {
        byte[] out = new byte[n * CHANNELS * PLANE];
        byte[] src = new byte[SOURCE_BYTES];
        for (int i = 0; i < n; i++) {
            readFully(file, in, src, "truncated: data ends inside image %,d", i);
            int base = i * CHANNELS * PLANE;
            for (int y = 0; y < SOURCE_SIDE; y++) {
                System.arraycopy(src, y * SOURCE_SIDE, out, base + (y + PAD) * SIDE + PAD, SOURCE_SIDE);
            }
            // grey -> RGB: channels 1 and 2 are copies of channel 0
            System.arraycopy(out, base, out, base + PLANE, PLANE);
            System.arraycopy(out, base, out, base + 2 * PLANE, PLANE);
        }
        return out;
    }

    private static int[] readLabels(Path file, DataInputStream in, int n) {
        byte[] raw = new byte[n];
        readFully(file, in, raw, "truncated: fewer than the %,d labels asked for", n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = raw[i] & 0xFF;
            if (labels[i] >= NUM_CLASSES) {
                throw DatasetException.at(file, "label %d: value %d is outside 0..%d", i, labels[i], NUM_CLASSES - 1);
            }
        }
        return labels;
    }

    private static void readFully(Path file, DataInputStream in, byte[] buf, String eofFormat, int index) {
        try {
            in.readFully(buf);
        } catch (EOFException e) {
            throw DatasetException.at(file, eofFormat, index);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }
}
