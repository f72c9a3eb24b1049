package org.reste.tasks.data.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.testing.SharedData;

class FashionMnistIdxTest {

    @TempDir
    Path tmp;

    // ---- the real data: the first 500 training images ----

    @Test
    void readsFirstImagesPaddedToThreeChannels() throws IOException {
        Path dir = SharedData.fashionMnist();
        FashionMnistIdx data = new FashionMnistIdx(dir, 500, 100);
        ImageSet train = data.train();
        assertEquals("fashion-mnist/train", train.name());
        assertEquals(500, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertEquals(10, train.numClasses());
        assertEquals(500, Arrays.stream(train.classCounts()).sum());
        assertEquals(9, train.labels()[0], "the first training image is an ankle boot");
        assertEquals(100, data.test().size());

        byte[] raw = gunzipPrefix(dir.resolve("train-images-idx3-ubyte.gz"), 16 + 500 * 784);
        byte[] rawLabels = gunzipPrefix(dir.resolve("train-labels-idx1-ubyte.gz"), 8 + 500);
        byte[] px = train.pixels();
        for (int i = 0; i < 500; i++) {
            assertEquals(rawLabels[8 + i] & 0xFF, train.labels()[i]);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        byte got = px[i * 3072 + c * 1024 + y * 32 + x];
                        boolean pad = y < 2 || y >= 30 || x < 2 || x >= 30;
                        byte want = pad ? 0 : raw[16 + i * 784 + (y - 2) * 28 + (x - 2)];
                        if (got != want) {
                            assertEquals(want, got, "image " + i + " c" + c + " y" + y + " x" + x);
                        }
                    }
                }
            }
        }
    }

    private static byte[] gunzipPrefix(Path file, int n) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new DataInputStream(in).readNBytes(n);
        }
    }

    @Test
    void describesWhereTheDataCameFrom() throws IOException {
        writeSet(tmp, "train", 2, false);
        writeSet(tmp, "t10k", 2, false);
        assertEquals("Fashion-MNIST idx files at " + tmp + " (28x28 grey, padded to 3x32x32)"
                + " (at most 1 train / all test images)",
                new FashionMnistIdx(tmp, 1, FashionMnistIdx.ALL).describe());
    }

    // ---- synthetic idx files ----

    /** Pixel (y, x) of image i; distinct enough to catch a misplaced row or column. */
    private static byte pixel(int i, int y, int x) {
        return (byte) (1 + (i * 31 + y * 28 + x) % 255);
    }

    private static byte[] images(int magic, int declared, int actual, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(declared);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < actual; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    out.write(pixel(i, y, x));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int magic, int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(values.length);
        for (int v : values) {
            out.write(v);
        }
        return bytes.toByteArray();
    }

    private static Path write(Path dir, String name, byte[] content, boolean gz) throws IOException {
        Path file = dir.resolve(gz ? name + ".gz" : name);
        try (OutputStream out = gz ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /** A valid split of {@code n} images with labels i % 10. */
    private static void writeSet(Path dir, String prefix, int n, boolean gz) throws IOException {
        write(dir, prefix + "-images-idx3-ubyte", images(2051, n, n, 28, 28), gz);
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> i % 10);
        write(dir, prefix + "-labels-idx1-ubyte", labels(2049, labels), gz);
    }

    @Test
    void plainAndGzippedFilesBothWork() throws IOException {
        writeSet(tmp, "train", 3, false);
        writeSet(tmp, "t10k", 2, true);
        FashionMnistIdx data = new FashionMnistIdx(tmp);
        ImageSet train = data.train();
        assertArrayEquals(new int[] {0, 1, 2}, train.labels());
        assertEquals(pixel(2, 0, 0), train.pixels()[2 * 3072 + 2 * 32 + 2]);
        assertEquals(pixel(2, 27, 27), train.pixels()[2 * 3072 + 2 * 1024 + 29 * 32 + 29]);
        assertEquals(0, train.pixels()[2 * 3072 + 2 * 1024 + 29 * 32 + 30]);
        assertEquals(2, data.test().size());
        assertEquals(pixel(1, 5, 7), data.test().pixels()[3072 + 1024 + 7 * 32 + 9]);
    }

    @Test
    void readsFromCloudStorage() throws IOException {
        org.reste.tasks.io.FakeGcs.install("reste-data");
        try {
            Path dir = org.reste.tasks.io.Locations.of("gs://reste-data/fashion-mnist");
            writeSet(dir, "train", 3, true);
            writeSet(dir, "t10k", 2, false);
            FashionMnistIdx data = new FashionMnistIdx(dir);
            assertArrayEquals(new int[] {0, 1, 2}, data.train().labels());
            assertEquals(pixel(1, 5, 7), data.test().pixels()[3072 + 1024 + 7 * 32 + 9]);
        } finally {
            org.reste.tasks.io.FakeGcs.uninstall();
        }
    }

    @Test
    void aLimitStillReadsTheGzipFileToItsEndAndNamesWhatIsWrong() throws IOException {
        // header declares 3 images but only 2 are there: reading 2 notices too, at the end of the file
        write(tmp, "train-images-idx3-ubyte", images(2051, 3, 2, 28, 28), true);
        write(tmp, "train-labels-idx1-ubyte", labels(2049, 4, 5, 6), true);
        writeSet(tmp, "t10k", 1, true);
        DatasetException limited = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp, 2, 1).train());
        assertEquals(tmp.resolve("train-images-idx3-ubyte.gz") + ": truncated: 0 bytes after the images read, expected 784",
                limited.getMessage());
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp).train());
        assertEquals(tmp.resolve("train-images-idx3-ubyte.gz") + ": truncated: data ends inside image 2",
                e.getMessage());
    }

    @Test
    void aBrokenGzipChecksumIsNamedEvenWhenALimitReadsOnlyTheFirstImages() throws IOException {
        writeSet(tmp, "train", 5, true);
        writeSet(tmp, "t10k", 1, true);
        assertEquals(2, new FashionMnistIdx(tmp, 2, 1).train().size(), "the intact file reads");
        Path images = tmp.resolve("train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        bytes[bytes.length - 6] ^= 0x5a; // inside the trailer's CRC-32
        Files.write(images, bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp, 2, 1).train());
        assertTrue(e.getMessage().startsWith(images + ": damaged: gzip's check of its content failed"), e.getMessage());
    }

    @Test
    void missingFile() throws IOException {
        writeSet(tmp, "train", 1, true);
        write(tmp, "t10k-images-idx3-ubyte", images(2051, 1, 1, 28, 28), true);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp));
        assertEquals(tmp.resolve("t10k-labels-idx1-ubyte.gz") + ": missing Fashion-MNIST file; expected"
                + " t10k-labels-idx1-ubyte.gz or t10k-labels-idx1-ubyte in " + tmp, e.getMessage());
    }

    @Test
    void missingDirectory() {
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp.resolve("no")));
        assertEquals(tmp.resolve("no") + ": Fashion-MNIST directory does not exist", e.getMessage());
    }

    @Test
    void wrongMagic() throws IOException {
        writeSet(tmp, "train", 1, false);
        writeSet(tmp, "t10k", 1, false);
        Path images = write(tmp, "train-images-idx3-ubyte", images(2049, 1, 1, 28, 28), false);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp).train());
        assertEquals(images + ": magic number 2049, expected 2051 (idx3 unsigned-byte images)", e.getMessage());

        Path labels = write(tmp, "t10k-labels-idx1-ubyte", labels(2051, 0), false);
        e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp).test());
        assertEquals(labels + ": magic number 2051, expected 2049 (idx1 unsigned-byte labels)", e.getMessage());
    }

    @Test
    void wrongImageSize() throws IOException {
        writeSet(tmp, "train", 1, false);
        writeSet(tmp, "t10k", 1, false);
        Path images = write(tmp, "train-images-idx3-ubyte", images(2051, 1, 1, 27, 28), false);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp).train());
        assertEquals(images + ": images are 27x28, expected 28x28", e.getMessage());
    }

    @Test
    void countMismatchBetweenImagesAndLabels() throws IOException {
        writeSet(tmp, "train", 3, true);
        writeSet(tmp, "t10k", 1, true);
        write(tmp, "train-labels-idx1-ubyte", labels(2049, 0, 1), true);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp).train());
        assertEquals(tmp.resolve("train-images-idx3-ubyte.gz")
                + ": header says 3 images but train-labels-idx1-ubyte.gz says 2 labels", e.getMessage());
    }

    @Test
    void labelOutOfRange() throws IOException {
        writeSet(tmp, "train", 3, false);
        writeSet(tmp, "t10k", 1, false);
        Path labels = write(tmp, "train-labels-idx1-ubyte", labels(2049, 0, 1, 12), false);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp).train());
        assertEquals(labels + ": label 2: value 12 is outside 0..9", e.getMessage());
    }

    @Test
    void truncatedPlainFileGivesSizes() throws IOException {
        writeSet(tmp, "train", 3, false);
        writeSet(tmp, "t10k", 1, false);
        Path images = write(tmp, "train-images-idx3-ubyte", images(2051, 3, 2, 28, 28), false);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp, 1, 1).train());
        assertEquals(images + ": truncated: 1,584 bytes, expected 2,368 (header declares 3 images)", e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        writeSet(tmp, "train", 1, false);
        writeSet(tmp, "t10k", 1, false);
        Path labels = write(tmp, "t10k-labels-idx1-ubyte", new byte[] {0, 0, 8}, false);
        DatasetException e = assertThrows(DatasetException.class, () -> new FashionMnistIdx(tmp).test());
        assertEquals(labels + ": truncated: file ends inside the 8-byte header", e.getMessage());
    }
}
