package org.reste.tasks.data.tfrecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.data.StreamedDataset;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.data.streaming.StreamedSplits;
import org.reste.tasks.io.Locations;

/**
 * A data set read from the TFRecord shards that {@code reste preprocess} writes, through their
 * {@link ShardManifest} ({@code <dir>/manifest.json}).
 *
 * <p>Before a shard is read its size and SHA-256 are checked against the manifest, so a shard
 * that was truncated or altered after preprocessing stops the run with a message naming it and
 * what differed. Every record's checksums, id, label and shape are checked as it is read, and the
 * split's count and class counts against the manifest at the end.
 *
 * <p>Raw-pixel splits ({@code "encoding": "raw"}) become {@link ImageSet}s ordered by the index in
 * each record's {@code image/id}, so the result does not depend on which shard a record landed in.
 * As with {@link Cifar10Binary}, optional limits keep only the first N images (by index). Encoded
 * splits (ImageNet JPEGs) are streamed ({@link #splits()}): indexed once, in the same order,
 * then read record by record as the loader decodes them. A run is given {@link #asDataset()}: the
 * in-memory or the streamed kind, as the manifest's encoding says.
 */
public final class ShardedDataset {

    /** Pass as a limit to read a whole split. */
    public static final int ALL = Integer.MAX_VALUE;

    private final Path dir;
    private final ShardManifest manifest;
    private final int trainLimit;
    private final int testLimit;
    private ImageSet train;
    private ImageSet test;
    private StreamedSplits streamed;

    /** Every image of both splits. */
    public ShardedDataset(Path dir) {
        this(dir, ALL, ALL);
    }

    /**
     * @param dir        the folder holding {@code manifest.json} and the split folders
     * @param trainLimit keep at most the first this many training images (by index), {@link #ALL} for all
     * @param testLimit  the same for the test split
     * @throws DatasetException if the manifest is missing or invalid
     */
    public ShardedDataset(Path dir, int trainLimit, int testLimit) {
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be >= 0, got " + trainLimit + ", " + testLimit);
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.manifest = ShardManifest.read(this.dir);
        this.trainLimit = trainLimit;
        this.testLimit = testLimit;
    }

    /** Whether {@code dir} holds a {@code manifest.json}, i.e. is a folder of preprocessed shards. */
    public static boolean isShardFolder(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(ShardManifest.FILE_NAME));
    }

    /**
     * True for a folder that a preprocess began and did not finish: split folders holding
     * {@code .tfrecord} shards or Beam's {@code .temp-beam-*} folders, and no manifest (which is
     * written last). Read as raw data it would be reported as missing raw files.
     */
    public static boolean isUnfinishedShardFolder(Path dir) {
        if (dir == null || !Files.isDirectory(dir) || isShardFolder(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            for (Path split : entries.filter(Files::isDirectory).toList()) {
                try (java.util.stream.Stream<Path> files = Files.list(split)) {
                    if (files.map(f -> f.getFileName().toString())
                            .anyMatch(name -> name.endsWith(".tfrecord") || name.startsWith(".temp-beam"))) {
                        return true;
                    }
                }
            }
        } catch (java.io.IOException e) {
            return false; // unreadable: the reader that follows names the problem
        }
        return false;
    }

    /**
     * The shards in {@code dir}, which must hold data set {@code dataset}.
     *
     * @throws DatasetException if the manifest is invalid or names another data set
     */
    public static ShardedDataset open(Path dir, String dataset) {
        ShardedDataset shards = new ShardedDataset(dir);
        if (!shards.manifest.dataset().equals(dataset)) {
            throw DatasetException.at(shards.manifestFile(), "holds data set '%s', but '%s' was asked for",
                    shards.manifest.dataset(), dataset);
        }
        return shards;
    }

    public Path dir() {
        return dir;
    }

    public ShardManifest manifest() {
        return manifest;
    }

    /** What a run trains on: held in memory for raw pixels, streamed for encoded images. */
    public DatasetShards asDataset() {
        ShardedDataset shards = this;
        if (manifest.isRaw()) {
            return new InMemoryDataset() {
                @Override
                public ImageSet train() {
                    return shards.train();
                }

                @Override
                public ImageSet test() {
                    return shards.test();
                }

                @Override
                public String describe() {
                    return shards.describe();
                }
            };
        }
        return new StreamedDataset() {
            @Override
            public StreamedSplits splits() {
                return shards.splits();
            }

            @Override
            public String describe() {
                return shards.describe();
            }
        };
    }

    /** The training split of raw-pixel shards, loaded whole. */
    public synchronized ImageSet train() {
        if (train == null) {
            train = readRaw("train", trainLimit);
        }
        return train;
    }

    /** The {@code test} split, or {@code val} where the manifest has no test split (ImageNet). */
    public synchronized ImageSet test() {
        if (test == null) {
            test = readRaw(manifest.testSplit(), testLimit);
        }
        return test;
    }

    public String describe() {
        String text = String.format(Locale.ROOT, "TFRecord shards of %s at %s (%,d train / %,d %s images; from %s)",
                manifest.dataset(), Locations.show(dir), manifest.splits().get("train").count(),
                manifest.splits().get(manifest.testSplit()).count(), manifest.testSplit(), manifest.source());
        if (trainLimit != ALL || testLimit != ALL) {
            text += String.format(Locale.ROOT, " (at most %s train / %s test images)",
                    limitText(trainLimit), limitText(testLimit));
        }
        return text;
    }

    private static String limitText(int limit) {
        return limit == ALL ? "all" : String.format(Locale.ROOT, "%,d", limit);
    }

    /**
     * Checks every shard of {@code split} against the manifest, then hands out its records in
     * shard order (not index order), each checked (id, label, shape); ends by checking the count.
     */
    public void forEachExample(String split, Consumer<TfExample> action) {
        readSplit(split, (checked, example, file, record, offset, length) -> action.accept(example));
    }

    /**
     * Checks one shard's size and SHA-256 against the manifest.
     *
     * @return the shard's path
     * @throws DatasetException naming the shard and what differed
     */
    public Path verify(ShardManifest.Shard shard) {
        Path file = dir.resolve(shard.path()).normalize();
        if (!Files.isRegularFile(file)) {
            throw DatasetException.at(file, "missing: the manifest lists this shard (%s)", shard.path());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
        if (size != shard.bytes()) {
            throw DatasetException.at(file, "%s: %,d bytes, the manifest says %,d",
                    size < shard.bytes() ? "truncated" : "size differs", size, shard.bytes());
        }
        String sha = sha256(file);
        if (!sha.equals(shard.sha256())) {
            throw DatasetException.at(file, "altered: sha256 is %s, the manifest says %s (same size, %,d bytes)",
                    sha, shard.sha256(), size);
        }
        return file;
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256(Path file) {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private ShardManifest.Split split(String split) {
        ShardManifest.Split declared = manifest.splits().get(split);
        if (declared == null) {
            throw DatasetException.at(manifestFile(), "has no split '%s' (it has %s)", split, manifest.splits().keySet());
        }
        return declared;
    }

    private Path manifestFile() {
        return dir.resolve(ShardManifest.FILE_NAME);
    }

    /**
     * Encoded shards (ImageNet) are streamed: each split's shards are checked against the manifest
     * and indexed (every record's place, id, label), so that a loader can read any record;
     * raw-pixel shards are held in memory instead ({@link #train()}).
     */
    public synchronized StreamedSplits splits() {
        if (manifest.isRaw()) {
            throw DatasetException.at(manifestFile(), "holds raw pixels, which are loaded whole (train(), test()),"
                    + " not streamed");
        }
        if (streamed == null) {
            streamed = new StreamedSplits(index("train", trainLimit), index(manifest.testSplit(), testLimit),
                    manifest.numClasses());
        }
        return streamed;
    }

    /** The first {@code limit} records of {@code split} in source (id) order, each located in its shard. */
    private List<ShardRecord> index(String split, int limit) {
        ShardRecord[] records = new ShardRecord[split(split).count()];
        readSplit(split, (checked, example, file, record, offset, length) ->
                records[checked.index()] = new ShardRecord(file, offset, length, record, checked.label()));
        return List.of(records).subList(0, Math.min(limit, records.length));
    }

    private ImageSet readRaw(String split, int limit) {
        if (!manifest.isRaw()) {
            throw DatasetException.at(manifestFile(), "holds %s images (image/encoded JPEG/PNG), which are streamed"
                    + " (splits()), not loaded whole", manifest.encoding());
        }
        ShardManifest.Split declared = split(split);
        int n = Math.min(limit, declared.count());
        int imageBytes = manifest.channels() * manifest.height() * manifest.width();
        byte[] pixels = new byte[Math.multiplyExact(n, imageBytes)];
        int[] labels = new int[n];
        readSplit(split, (checked, example, file, record, offset, length) -> {
            if (checked.index() < n) {
                System.arraycopy(example.bytes(TfExample.IMAGE_RAW), 0, pixels, checked.index() * imageBytes, imageBytes);
                labels[checked.index()] = checked.label();
            }
        });
        return new ImageSet(manifest.dataset() + "/" + split, manifest.channels(), manifest.height(),
                manifest.width(), manifest.numClasses(), pixels, labels);
    }

    private interface RecordAction {
        /** @param offset where the record's frame starts in its shard; {@code length} its data bytes */
        void accept(TfExample example, int record, long offset, int length);
    }

    /** What is done with each record of a split once it is checked, and where it lies. */
    private interface CheckedAction {
        void accept(SplitChecker.Checked checked, TfExample example, Path shard, int record, long offset, int length);
    }

    /**
     * Checks every shard of {@code split} against the manifest, reads its records in shard order,
     * checks each (id, label, shape) before handing it on, and ends by checking the split's count
     * and class counts.
     */
    private void readSplit(String split, CheckedAction action) {
        ShardManifest.Split declared = split(split);
        SplitChecker checker = new SplitChecker(manifest, split, declared.count());
        for (ShardManifest.Shard shard : declared.shards()) {
            Path file = verify(shard);
            readShard(file, shard, (example, record, offset, length) ->
                    action.accept(checker.accept(example, file, record), example, file, record, offset, length));
        }
        finish(split, declared, checker);
    }

    /** Reads one (verified) shard's records, checking the count against the manifest. */
    private static void readShard(Path file, ShardManifest.Shard shard, RecordAction action) {
        try (TfRecordReader reader = TfRecordReader.open(file)) {
            long offset = reader.offset();
            for (byte[] data; (data = reader.next()) != null; offset = reader.offset()) {
                int record = reader.recordsRead() - 1;
                TfExample example;
                try {
                    example = TfExample.parse(data);
                } catch (IllegalArgumentException e) {
                    throw DatasetException.at(file, "record %,d: %s", record, e.getMessage());
                }
                action.accept(example, record, offset, data.length);
            }
            if (reader.recordsRead() != shard.records()) {
                throw DatasetException.at(file, "%,d records, the manifest says %,d",
                        reader.recordsRead(), shard.records());
            }
        }
    }

    private void finish(String split, ShardManifest.Split declared, SplitChecker checker) {
        checker.finish(manifestFile());
        if (!Arrays.equals(checker.classCounts(), declared.classCounts())) {
            throw DatasetException.at(manifestFile(), "split %s: class counts in the shards are %s, the manifest says %s",
                    split, Arrays.toString(checker.classCounts()), Arrays.toString(declared.classCounts()));
        }
    }
}
