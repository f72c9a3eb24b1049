package org.reste.tasks.data.tfrecord;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.io.AtomicFiles;

/**
 * {@code manifest.json}: what a folder of TFRecord shards holds, written by {@code reste preprocess}
 * after the shards, read by {@link ShardedDataset} before them.
 *
 * <pre>
 * {
 *   "dataset": "cifar10",
 *   "format": "tfrecord/tf.train.Example",
 *   "encoding": "raw",                       // raw: image/raw CHW uint8; encoded: image/encoded JPEG/PNG
 *   "channels": 3, "height": 32, "width": 32, // raw only: the shape of every image
 *   "num_classes": 10,
 *   "class_names": ["n01440764", ...],       // encoded (class folders) only: label i is class_names[i]
 *   "splits": {
 *     "train": {"count": 1000, "class_counts": [...], "shards": [
 *        {"path": "train/train-00000-of-00001.tfrecord", "records": 1000, "bytes": 3157000, "sha256": "..."}]},
 *     "test": {...}                          // ImageNet: "val"
 *   },
 *   "source": "CIFAR-10 slice (1,000 train / 500 test images) at /...",
 *   "created_by": "reste preprocess"
 * }
 * </pre>
 *
 * Shard paths are relative to the manifest's folder. Records carry {@code image/id}
 * {@code <dataset>/<split>/<index>} with indices 0..count-1, so readers can restore the source order
 * whatever order the shards were written in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"dataset", "format", "encoding", "channels", "height", "width", "num_classes", "class_names",
    "splits", "source", "created_by"})
public record ShardManifest(
        String dataset,
        String format,
        String encoding,
        Integer channels,
        Integer height,
        Integer width,
        Integer numClasses,
        List<String> classNames,
        Map<String, Split> splits,
        String source,
        String createdBy) {

    public static final String FILE_NAME = "manifest.json";
    public static final String FORMAT = "tfrecord/tf.train.Example";
    public static final String RAW = "raw";
    public static final String ENCODED = "encoded";
    public static final String CREATED_BY = "reste preprocess";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a key given twice is an error
            .build();

    /** One split: its image count, images per class, and the shards holding them. */
    @JsonPropertyOrder({"count", "class_counts", "shards"})
    public record Split(Integer count, int[] classCounts, List<Shard> shards) {}

    /** One shard file: path relative to the manifest's folder, record count, size and SHA-256 (hex). */
    @JsonPropertyOrder({"path", "records", "bytes", "sha256"})
    public record Shard(String path, Integer records, Long bytes, String sha256) {}

    /** The split evaluated as "test": {@code test}, else {@code val} (ImageNet keeps its name). */
    @JsonIgnore
    public String testSplit() {
        return splits.containsKey("test") ? "test" : "val";
    }

    @JsonIgnore
    public boolean isRaw() {
        return RAW.equals(encoding);
    }

    /**
     * This manifest's header (every field but the splits) completed with the splits found by
     * reading the given shards: each shard's records, size and SHA-256 (one pass over its bytes),
     * each split's count and class counts, every record checked as {@link ShardedDataset} will
     * check it (ids numbering 0..count-1, labels, shapes).
     *
     * @param shardPaths split name to its shard paths relative to {@code dir}, in order
     * @throws DatasetException naming the shard and record if a shard cannot be read or a record is wrong
     */
    public ShardManifest scan(Path dir, Map<String, List<String>> shardPaths) {
        Map<String, Split> scanned = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : shardPaths.entrySet()) {
            String split = entry.getKey();
            SplitChecker checker = new SplitChecker(this, split, -1);
            List<Shard> shards = new ArrayList<>();
            for (String path : entry.getValue()) {
                Path file = dir.resolve(path);
                MessageDigest digest = ShardedDataset.newSha256();
                int records;
                try (TfRecordReader reader = new TfRecordReader(new DigestInputStream(
                        new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest), file)) {
                    for (byte[] data; (data = reader.next()) != null; ) {
                        int record = reader.recordsRead() - 1;
                        try {
                            checker.accept(TfExample.parse(data), file, record);
                        } catch (IllegalArgumentException e) {
                            throw DatasetException.at(file, "record %,d: %s", record, e.getMessage());
                        }
                    }
                    records = reader.recordsRead();
                } catch (IOException e) {
                    throw DatasetException.io(file, e);
                }
                long bytes;
                try {
                    bytes = Files.size(file);
                } catch (IOException e) {
                    throw DatasetException.io(file, e);
                }
                shards.add(new Shard(path, records, bytes, HexFormat.of().formatHex(digest.digest())));
            }
            checker.finish(dir.resolve(split));
            scanned.put(split, new Split(checker.count(), checker.classCounts(), shards));
        }
        return new ShardManifest(dataset, format, encoding, channels, height, width, numClasses, classNames, scanned,
                source, createdBy);
    }

    /** Pretty JSON, keys in schema order. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the manifest", e);
        }
    }

    /** Writes {@code <dir>/manifest.json} atomically: a temp file beside it, renamed into place. */
    public Path write(Path dir) {
        validate(dir.resolve(FILE_NAME));
        Path target = dir.resolve(FILE_NAME);
        try {
            AtomicFiles.write(target, toJson().getBytes(StandardCharsets.UTF_8));
        } catch (java.io.UncheckedIOException e) {
            throw DatasetException.at(target, "cannot write: %s", e.getCause());
        }
        return target;
    }

    /**
     * Reads and checks {@code <dir>/manifest.json}.
     *
     * @throws DatasetException naming the file and the field if it is missing, not JSON or inconsistent
     */
    public static ShardManifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw DatasetException.at(file, "missing: not a folder of preprocessed shards (run `reste preprocess`)");
        }
        ShardManifest manifest;
        try {
            manifest = MAPPER.readValue(Files.readAllBytes(file), ShardManifest.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : String.format(java.util.Locale.ROOT, " (line %d, column %d)",
                            e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            throw DatasetException.at(file, "not a valid manifest%s: %s", where, e.getOriginalMessage());
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
        manifest.validate(file);
        return manifest;
    }

    /** Every field present and consistent; errors name the field, e.g. {@code splits.train.shards[1].sha256}. */
    void validate(Path file) {
        require(file, dataset != null && !dataset.isBlank(), "dataset", "missing");
        require(file, FORMAT.equals(format), "format", "is '" + format + "', expected '" + FORMAT + "'");
        require(file, RAW.equals(encoding) || ENCODED.equals(encoding), "encoding",
                "is '" + encoding + "', expected raw or encoded");
        if (isRaw()) {
            require(file, channels != null && channels > 0, "channels", "must be a positive integer for raw images");
            require(file, height != null && height > 0, "height", "must be a positive integer for raw images");
            require(file, width != null && width > 0, "width", "must be a positive integer for raw images");
        }
        require(file, numClasses != null && numClasses > 0, "num_classes", "must be a positive integer");
        require(file, classNames == null || classNames.size() == numClasses, "class_names",
                "has " + (classNames == null ? 0 : classNames.size()) + " names for " + numClasses + " classes");
        require(file, splits != null && splits.containsKey("train"), "splits", "must hold a train split");
        require(file, splits.containsKey("test") || splits.containsKey("val"), "splits", "must hold a test (or val) split");
        for (Map.Entry<String, Split> entry : splits.entrySet()) {
            String where = "splits." + entry.getKey();
            Split split = entry.getValue();
            require(file, split != null, where, "is null");
            require(file, split.count() != null && split.count() >= 0, where + ".count", "must be an integer >= 0");
            require(file, split.classCounts() != null && split.classCounts().length == numClasses,
                    where + ".class_counts", "must list one count per class (" + numClasses + ")");
            require(file, Arrays.stream(split.classCounts()).asLongStream().sum() == split.count(),
                    where + ".class_counts", "sum to " + Arrays.stream(split.classCounts()).asLongStream().sum()
                            + ", but count is " + split.count());
            require(file, split.shards() != null && !split.shards().isEmpty(), where + ".shards", "must list the shards");
            long records = 0;
            for (int i = 0; i < split.shards().size(); i++) {
                Shard shard = split.shards().get(i);
                String at = where + ".shards[" + i + "]";
                require(file, shard != null, at, "is null");
                require(file, shard.path() != null && isInside(shard.path()), at + ".path",
                        "must be a relative path inside the manifest's folder, got " + shard.path());
                require(file, shard.records() != null && shard.records() >= 0, at + ".records", "must be an integer >= 0");
                require(file, shard.bytes() != null && shard.bytes() >= 0, at + ".bytes", "must be an integer >= 0");
                require(file, shard.sha256() != null && SHA256.matcher(shard.sha256()).matches(), at + ".sha256",
                        "must be 64 lower-case hex digits");
                records += shard.records();
            }
            require(file, records == split.count(), where + ".shards",
                    "hold " + records + " records in all, but count is " + split.count());
        }
    }

    private static boolean isInside(String path) {
        Path relative = Path.of(path).normalize();
        return !path.isBlank() && !relative.isAbsolute() && !relative.startsWith("..");
    }

    private static void require(Path file, boolean ok, String field, String problem) {
        if (!ok) {
            throw DatasetException.at(file, "field %s: %s", field, problem);
        }
    }
}
