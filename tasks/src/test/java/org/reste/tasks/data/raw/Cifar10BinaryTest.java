package org.reste.tasks.data.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.testing.SharedData;

class Cifar10BinaryTest {
    private static final long FULL = 30_730_000L;

    @TempDir
    Path tmp;

    // ---- the real data, small slices only ----

    @Test
    void readsFirstTrainAndTestRecordsOfTheSharedCopy() throws IOException {
        Path folder = SharedData.cifar10(); // the full copy, or the shipped slice of 200 records a file
        Cifar10Binary data = new Cifar10Binary(folder, 1000, 500);

        ImageSet train = data.train();
        assertEquals("cifar10/train", train.name());
        assertEquals(1000, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertEquals(10, train.numClasses());
        assertEquals(1000 * 3072, train.pixels().length);
        assertEquals(1000, Arrays.stream(train.classCounts()).sum());
        assertTrue(Arrays.stream(train.classCounts()).allMatch(c -> c > 0), "every class among the first 1000");
        assertSame(train, data.train(), "cached");

        ImageSet test = data.test();
        assertEquals("cifar10/test", test.name());
        assertEquals(500, test.size());
        assertEquals(500, Arrays.stream(test.classCounts()).sum());

        // the well-known first labels: train[0] is a frog (6), test[0] a cat (3)
        assertEquals(6, train.labels()[0]);
        assertEquals(3, test.labels()[0]);
        int perFile = (int) Math.min(1000, Files.size(folder.resolve("data_batch_1.bin")) / 3073);
        assertRecordMatchesFile(folder.resolve("data_batch_1.bin"), 0, train, 0);
        assertRecordMatchesFile(folder.resolve("data_batch_1.bin"), perFile - 1, train, perFile - 1);
        if (perFile < 1000) {
            assertRecordMatchesFile(folder.resolve("data_batch_2.bin"), 0, train, perFile); // files follow each other
        }
        assertRecordMatchesFile(folder.resolve("data_batch_" + (999 / perFile + 1) + ".bin"), 999 % perFile, train, 999);
        assertRecordMatchesFile(folder.resolve("test_batch.bin"), 0, test, 0);
        assertRecordMatchesFile(folder.resolve("test_batch.bin"), 499, test, 499);
    }

    /** The label and the 3,072 pixel bytes (R, G, B planes) are the file's bytes, untouched. */
    private static void assertRecordMatchesFile(Path file, int record, ImageSet set, int image) throws IOException {
        byte[] raw = new byte[3073];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek((long) record * 3073);
            in.readFully(raw);
        }
        assertEquals(raw[0] & 0xFF, set.labels()[image]);
        assertArrayEquals(Arrays.copyOfRange(raw, 1, 3073),
                Arrays.copyOfRange(set.pixels(), image * 3072, (image + 1) * 3072));
    }

    @Test
    void acceptsTheParentFolderAndDescribesIt() {
        Path folder = SharedData.cifar10();
        Cifar10Binary data = new Cifar10Binary(folder.getParent(), 10, 5);
        assertEquals(folder, data.dir());
        String whole = new Cifar10Binary(folder).describe();
        assertEquals(whole + " (at most 10 train / 5 test records)", data.describe());
        // the full copy is "binary batches", the shipped slice says it is one
        assertTrue(whole.equals("CIFAR-10 binary batches at " + folder)
                || whole.equals("CIFAR-10 slice (1,000 train / 500 test images) at " + folder), whole);
    }

    // ---- synthetic folders in @TempDir (sparse files: 30 MB of zeros cost nothing) ----

    /** Creates the six files, each {@code size} bytes of zeros (labels 0). */
    private Path folder(long size) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cifar-10-batches-bin"));
        for (String name : Cifar10Binary.ALL_FILES) {
            setLength(dir.resolve(name), size);
        }
        return dir;
    }

    private static void setLength(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    @Test
    void limitReadsOnlyTheFirstBatchFile() throws IOException {
        Path dir = folder(FULL);
        for (int i = 2; i <= 5; i++) {
            setLength(dir.resolve("data_batch_" + i + ".bin"), 5); // would fail if read
        }
        ImageSet train = new Cifar10Binary(tmp, 1000, 0).train();
        assertEquals(1000, train.size());
        assertEquals(1000, train.classCounts()[0]);

        DatasetException e = assertThrows(DatasetException.class,
                () -> new Cifar10Binary(tmp, 10_001, 0).train());
        assertTrue(e.getMessage().startsWith(dir.resolve("data_batch_2.bin") + ": size 5 bytes"), e.getMessage());
    }

    @Test
    void missingDirectory() {
        Path missing = tmp.resolve("nowhere");
        DatasetException e = assertThrows(DatasetException.class, () -> new Cifar10Binary(missing));
        assertEquals(missing + ": CIFAR-10 directory does not exist", e.getMessage());
    }

    @Test
    void missingFileIsNamedWithTheExpectedList() throws IOException {
        Path dir = folder(FULL);
        Files.delete(dir.resolve("data_batch_3.bin"));
        DatasetException e = assertThrows(DatasetException.class, () -> new Cifar10Binary(tmp));
        assertEquals(dir + ": missing CIFAR-10 file(s) data_batch_3.bin; expected data_batch_1.bin,"
                + " data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin",
                e.getMessage());
    }

    @Test
    void truncatedFileGivesSizes() throws IOException {
        Path dir = folder(FULL);
        setLength(dir.resolve("data_batch_1.bin"), 9_000L * 3073);
        DatasetException e = assertThrows(DatasetException.class, () -> new Cifar10Binary(dir, 10, 0).train());
        assertEquals(dir.resolve("data_batch_1.bin") + ": truncated: 27,657,000 bytes, expected 30,730,000"
                + " (10,000 records of 3,073 bytes)", e.getMessage());
    }

    @Test
    void sizeNotAMultipleOfTheRecord() throws IOException {
        Path dir = folder(FULL);
        setLength(dir.resolve("test_batch.bin"), 30_000_000L);
        DatasetException e = assertThrows(DatasetException.class, () -> new Cifar10Binary(dir, 0, 10).test());
        assertEquals(dir.resolve("test_batch.bin") + ": size 30,000,000 bytes is not a multiple of the"
                + " 3,073-byte record (expected 30,730,000: 10,000 records)", e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesTheRecord() throws IOException {
        Path dir = folder(FULL);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("test_batch.bin").toFile(), "rw")) {
            f.seek(17L * 3073);
            f.write(12);
        }
        Cifar10Binary data = new Cifar10Binary(dir, 0, 100);
        DatasetException e = assertThrows(DatasetException.class, data::test);
        assertEquals(dir.resolve("test_batch.bin") + ": record 17: label 12 is outside 0..9", e.getMessage());
        assertEquals(17, new Cifar10Binary(dir, 0, 17).test().size(), "records before it are fine");
    }

    @Test
    void negativeLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Cifar10Binary(tmp, -1, 0));
    }
}
