package org.reste.tasks.data.raw;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.io.Locations;

/**
 * CIFAR-10 read from the official binary batches ({@code cifar-10-batches-bin}).
 *
 * <p>Each record is one label byte and 3,072 pixel bytes: the R, G and B planes, each 32x32
 * row-major. That is already CHW, so records are copied straight into an NCHW {@link ImageSet}.
 * Splits are read on first use and cached; optional limits read only the first N records of a
 * split, touching only the files (and bytes) those records live in, so tests can use small slices.
 *
 * <p>A folder may also hold a declared slice of the official files (the sample shipped in the
 * repository): a {@code slice.json} beside them gives its {@code train_records_per_file} and
 * {@code test_records}, and every size check then expects those counts instead of 10,000.
 */
public final class Cifar10Binary implements InMemoryDataset {

    /** The folder name inside the official archive. */
    public static final String FOLDER_NAME = "cifar-10-batches-bin";
    public static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    /** The six files a complete copy holds. */
    public static final List<String> ALL_FILES =
            Stream.concat(TRAIN_FILES.stream(), Stream.of(TEST_FILE)).toList();

    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int NUM_CLASSES = 10;
    public static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final int RECORDS_PER_FILE = 10_000;
    /** Pass as a limit to read a whole split. */
    public static final int ALL = Integer.MAX_VALUE;

    /** Declares a folder as a slice with fewer records per file. */
    public static final String SLICE_FILE = "slice.json";

    private final Path dir;
    private final int trainPerFile;
    private final int testRecords;
    private final int trainLimit;
    private final int testLimit;
    private ImageSet train;
    private ImageSet test;

    /** All 50,000 training and 10,000 test images. */
    public Cifar10Binary(Path dir) {
        this(dir, ALL, ALL);
    }

    /**
     * @param dir        the {@code cifar-10-batches-bin} folder itself or its parent
     * @param trainLimit read at most this many training records (from the start), {@link #ALL} for all
     * @param testLimit  read at most this many test records, {@link #ALL} for all
     * @throws DatasetException if the folder or one of the six files is missing
     */
    public Cifar10Binary(Path dir, int trainLimit, int testLimit) {
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be >= 0, got " + trainLimit + ", " + testLimit);
        }
        this.dir = resolveFolder(dir);
        int[] counts = sliceCounts(this.dir);
        this.trainPerFile = counts[0];
        this.testRecords = counts[1];
        this.trainLimit = trainLimit;
        this.testLimit = testLimit;
    }

    /** The folder holding the six files (the argument or its {@code cifar-10-batches-bin} child). */
    public Path dir() {
        return dir;
    }

    @Override
    public synchronized ImageSet train() {
        if (train == null) {
            train = read("cifar10/train", TRAIN_FILES, trainPerFile, trainLimit);
        }
        return train;
    }

    @Override
    public synchronized ImageSet test() {
        if (test == null) {
            test = read("cifar10/test", List.of(TEST_FILE), testRecords, testLimit);
        }
        return test;
    }

    @Override
    public String describe() {
        String text = (trainPerFile == RECORDS_PER_FILE && testRecords == RECORDS_PER_FILE
                ? "CIFAR-10 binary batches at "
                : String.format(Locale.ROOT, "CIFAR-10 slice (%,d train / %,d test images) at ",
                        trainPerFile * TRAIN_FILES.size(), testRecords)) + Locations.show(dir);
        if (trainLimit != ALL || testLimit != ALL) {
            text += String.format(Locale.ROOT, " (at most %s train / %s test records)",
                    limitText(trainLimit), limitText(testLimit));
        }
        return text;
    }

    private static String limitText(int limit) {
        return limit == ALL ? "all" : String.format(Locale.ROOT, "%,d", limit);
    }

    /** Accepts the folder itself or its parent; checks that all six files are there. */
    static Path resolveFolder(Path given) {
        Path abs = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw DatasetException.at(abs, "CIFAR-10 directory does not exist");
        }
        Path folder = Files.isDirectory(abs.resolve(FOLDER_NAME)) ? abs.resolve(FOLDER_NAME) : abs;
        List<String> missing = missingFiles(folder);
        if (!missing.isEmpty()) {
            throw DatasetException.at(folder, "missing CIFAR-10 file(s) %s; expected %s",
                    String.join(", ", missing), String.join(", ", ALL_FILES));
        }
        return folder;
    }

    /** Which of the six files {@code folder} lacks (empty if complete). */
    static List<String> missingFiles(Path folder) {
        List<String> missing = new ArrayList<>();
        for (String name : ALL_FILES) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The records per train file and in the test file: 10,000 each, or what slice.json declares. */
    static int[] sliceCounts(Path folder) {
        Path slice = folder.resolve(SLICE_FILE);
        if (!Files.exists(slice)) {
            return new int[] {RECORDS_PER_FILE, RECORDS_PER_FILE};
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
                    .readTree(Files.readAllBytes(slice));
            int[] counts = new int[2];
            String[] fields = {"train_records_per_file", "test_records"};
            for (int i = 0; i < 2; i++) {
                com.fasterxml.jackson.databind.JsonNode value = json.get(fields[i]);
                if (value == null || !value.canConvertToInt() || value.asInt() < 1 || value.asInt() > RECORDS_PER_FILE) {
                    throw DatasetException.at(slice, "field %s must be a record count in 1..%,d, got %s",
                            fields[i], RECORDS_PER_FILE, value);
                }
                counts[i] = value.asInt();
            }
            return counts;
        } catch (IOException e) {
            throw DatasetException.at(slice, "not valid JSON: %s", e.getMessage());
        }
    }

    /** Reads the first {@code limit} records of {@code files}, in order, opening only the files needed. */
    private ImageSet read(String name, List<String> files, int perFile, int limit) {
        int n = (int) Math.min(limit, (long) files.size() * perFile);
        byte[] pixels = new byte[n * IMAGE_BYTES];
        int[] labels = new int[n];
        int done = 0;
        for (int f = 0; done < n; f++) {
            int take = Math.min(perFile, n - done);
            readFile(dir.resolve(files.get(f)), perFile, take, pixels, labels, done);
            done += take;
        }
        return new ImageSet(name, CHANNELS, SIDE, SIDE, NUM_CLASSES, pixels, labels);
    }

    /** Reads the first {@code count} records of one batch file into the arrays at image {@code offset}. */
    private static void readFile(Path file, int records, int count, byte[] pixels, int[] labels, int offset) {
        checkSize(file, records);
        byte[] record = new byte[RECORD_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            for (int r = 0; r < count; r++) {
                if (in.readNBytes(record, 0, RECORD_BYTES) != RECORD_BYTES) {
                    throw new EOFException("file ended inside record " + r); // file shrank since checkSize
                }
                int label = record[0] & 0xFF;
                if (label >= NUM_CLASSES) {
                    throw DatasetException.at(file, "record %d: label %d is outside 0..%d",
                            r, label, NUM_CLASSES - 1);
                }
                labels[offset + r] = label;
                System.arraycopy(record, 1, pixels, (offset + r) * IMAGE_BYTES, IMAGE_BYTES);
            }
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    /** Every official batch is exactly 10,000 records (a slice: its declared count); anything else is damage. */
    private static void checkSize(Path file, int records) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
        long expected = (long) records * RECORD_BYTES;
        if (size % RECORD_BYTES != 0) {
            throw DatasetException.at(file, "size %,d bytes is not a multiple of the %,d-byte record"
                    + " (expected %,d: %,d records)", size, RECORD_BYTES, expected, records);
        }
        if (size != expected) {
            throw DatasetException.at(file, "%s: %,d bytes, expected %,d (%,d records of %,d bytes)",
                    size < expected ? "truncated" : "too large", size, expected, records, RECORD_BYTES);
        }
    }
}
