package org.reste.pipelines.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TFRecordIO;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.io.CloudObjects;
import org.reste.tasks.io.FileTrees;
import org.reste.tasks.io.Locations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw data to TFRecord shards, as DESIGN.md's data flow draws it:
 *
 * <pre>
 *   per split:  Read&lt;Split&gt; (raw images -> serialized tf.train.Example) -> Write&lt;Split&gt; (TFRecordIO, N shards)
 *   then, in the driver, after every shard is written:  manifest.json (read back, hashed, written atomically)
 * </pre>
 *
 * Shards are {@code <output>/<split>/<split>-SSSSS-of-NNNNN.tfrecord}. Beam assigns records to
 * shards at random, so a shard's contents (and its sha256) differ from run to run; the records
 * carry their index in {@code image/id}, and readers restore the order from it.
 *
 * <p>The manifest is the last thing written: a folder with a manifest is complete. It is built
 * by reading every shard back (checksums, ids, labels, shapes), so it describes what is on disk.
 */
public final class PreprocessPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(PreprocessPipeline.class);

    /** Without --shards: one shard per this many bytes of image data (TensorFlow's guide: 100+ MB). */
    public static final long TARGET_SHARD_BYTES = 128L << 20;
    static final String SHARD_TEMPLATE = "-SSSSS-of-NNNNN";
    static final String SUFFIX = ".tfrecord";

    private PreprocessPipeline() {}

    /** The raw data checked and the pipeline built, not yet run. */
    public record Job(Pipeline pipeline, RawSource source, Path output, Map<String, Integer> shards) {}

    /**
     * Checks the input and the output folder in the driver, then builds the pipeline.
     *
     * @throws IllegalArgumentException for an unknown data set or a bad shard count
     * @throws DatasetException for missing or damaged input, or an output folder holding an earlier result
     */
    public static Job build(PreprocessOptions options) {
        if (options.getShards() < 0) {
            throw new IllegalArgumentException("--shards must be >= 0 (0 = automatic), got " + options.getShards());
        }
        Path output = folder("--output", options.getOutput());
        CloudObjects.requireBucket(output);
        RawSource source = RawSource.open(options.getDataset(), folder("--input", options.getInput()));
        prepareOutput(output, source.splits(), options.getOverwrite());

        Pipeline pipeline = Pipeline.create(options);
        Map<String, Integer> shards = new LinkedHashMap<>();
        for (String split : source.splits()) {
            int n = options.getShards() > 0 ? options.getShards() : autoShards(source.bytes(split));
            shards.put(split, n);
            String title = Character.toUpperCase(split.charAt(0)) + split.substring(1);
            pipeline.apply("Read" + title, source.read(split))
                    .apply("Write" + title, TFRecordIO.write()
                            .to(Locations.uri(output.resolve(split).resolve(split)))
                            .withShardNameTemplate(SHARD_TEMPLATE)
                            .withSuffix(SUFFIX)
                            .withNumShards(n));
            LOG.info("{}: {} images -> {} shard(s)", split, source.count(split), n);
        }
        return new Job(pipeline, source, output, shards);
    }

    /** Runs the job to the end, then writes the manifest; returns it. */
    public static ShardManifest run(PreprocessOptions options) {
        Job job = build(options);
        PipelineResult.State state;
        try {
            state = job.pipeline().run().waitUntilFinish();
        } catch (Pipeline.PipelineExecutionException e) {
            // a DoFn's bad-input error reaches the user as itself, not wrapped in the runner's exception
            if (e.getCause() instanceof RuntimeException cause
                    && (cause instanceof DatasetException || cause instanceof IllegalArgumentException)) {
                throw cause;
            }
            throw e;
        }
        if (state != PipelineResult.State.DONE) {
            throw new IllegalStateException("preprocess pipeline ended " + state + "; no manifest written");
        }
        return writeManifest(job);
    }

    /** After the pipeline: find exactly the shards written, read them back, write manifest.json atomically. */
    static ShardManifest writeManifest(Job job) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : job.shards().entrySet()) {
            paths.put(entry.getKey(), shardPaths(job.output(), entry.getKey(), entry.getValue()));
        }
        ShardManifest manifest = job.source().header().scan(job.output(), paths);
        for (String split : job.source().splits()) {
            int expected = job.source().count(split);
            int written = manifest.splits().get(split).count();
            if (written != expected) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "split %s: %,d images read, but %,d records in the shards", split, expected, written));
            }
        }
        Path file = manifest.write(job.output());
        LOG.info("wrote {}", Locations.show(file));
        return manifest;
    }

    /** The shard files of a split, in shard order; exactly {@code n} of them must be there. */
    static List<String> shardPaths(Path output, String split, int n) {
        Pattern name = Pattern.compile(Pattern.quote(split) + "-(\\d{5})-of-(\\d{5})" + Pattern.quote(SUFFIX));
        String[] found = new String[n];
        try (Stream<Path> files = Files.list(output.resolve(split))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = name.matcher(file.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(2)) == n && Integer.parseInt(m.group(1)) < n) {
                    found[Integer.parseInt(m.group(1))] = split + "/" + file.getFileName();
                }
            }
        } catch (IOException e) {
            throw DatasetException.io(output.resolve(split), e);
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (found[i] == null) {
                throw DatasetException.at(output.resolve(split), "shard %d of %d was not written", i, n);
            }
            paths.add(found[i]);
        }
        return paths;
    }

    /** The command has made it absolute already; a caller of this API may give a path relative to the working folder. */
    private static Path folder(String option, String value) {
        return Locations.folder(option, Path.of(""), value);
    }

    static int autoShards(long bytes) {
        return (int) Math.max(1, Math.min(4096, (bytes + TARGET_SHARD_BYTES - 1) / TARGET_SHARD_BYTES));
    }

    /**
     * Refuses an output folder holding a manifest or shards from an earlier run, unless asked to
     * overwrite: then the manifest goes first (the folder is incomplete from that moment), then
     * the old shards.
     */
    private static void prepareOutput(Path output, List<String> splits, boolean overwrite) {
        Path manifest = output.resolve(ShardManifest.FILE_NAME);
        List<Path> old = new ArrayList<>();
        for (String split : splits) {
            Path dir = output.resolve(split);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    // shards, and the temp folders of a killed run's writes (Beam's .temp-beam-<uuid>)
                    files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                            || f.getFileName().toString().startsWith(".temp-beam")).sorted().forEach(old::add);
                } catch (IOException e) {
                    throw DatasetException.io(dir, e);
                }
            }
        }
        if (!overwrite && (Files.exists(manifest) || !old.isEmpty())) {
            throw DatasetException.at(output, "already holds %s%d shard file(s) or temp folder(s) from an earlier run; pass --overwrite"
                    + " to replace them, or choose another --output", Files.exists(manifest) ? "a manifest and " : "",
                    old.size());
        }
        try {
            Files.deleteIfExists(manifest);
            for (Path file : old) {
                if (Files.isDirectory(file)) {
                    FileTrees.deleteQuietly(file);
                } else {
                    Files.delete(file);
                }
            }
            Files.createDirectories(output);
        } catch (IOException e) {
            throw DatasetException.at(output, "cannot prepare the output folder: %s", e);
        }
    }
}
