package org.reste.pipelines.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.reste.pipelines.preprocess.PreprocessOptions;
import org.reste.pipelines.preprocess.PreprocessPipeline;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.io.Locations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Raw data to TFRecord shards and a manifest, as a Beam pipeline (DirectRunner by default). Its
 * options are {@link PreprocessOptions} and Beam's, parsed by Beam ({@link JobOptions}); --help
 * lists them.
 */
@Command(name = "preprocess", description = "Turn raw CIFAR-10, Fashion-MNIST or ImageNet into TFRecord shards"
        + " (tf.train.Example) and a manifest.json that train --data DIR reads. --help lists the options.")
final class PreprocessCommand implements Callable<Integer> {

    /** Every argument: picocli only routes them here, the options are Beam's to parse. */
    @Unmatched
    List<String> args = new ArrayList<>();

    private static final String QUIET_SINK = "org.slf4j.simpleLogger.log.org.apache.beam.sdk.io.FileBasedSink";

    @Override
    public Integer call() {
        Optional<PreprocessOptions> parsed = JobOptions.parse(PreprocessOptions.class, args, System.out);
        if (parsed.isEmpty()) {
            return 0; // --help
        }
        PreprocessOptions options = parsed.get();
        // Relative folders are read against the same root as reproduce's.
        Path root = Locations.projectRoot();
        Path output = Locations.folder("--output", root, options.getOutput());
        options.setInput(Locations.uri(Locations.folder("--input", root, options.getInput())));
        options.setOutput(Locations.uri(output));
        // Beam's file sink warns that it found no temp files to delete after it has renamed them
        // all into place: noise on every successful run, so it is quieted unless asked for.
        if (System.getProperty(QUIET_SINK) == null) {
            System.setProperty(QUIET_SINK, "error");
        }
        long start = System.nanoTime();
        ShardManifest manifest = PreprocessPipeline.run(options);
        System.out.println("preprocess: " + manifest.dataset() + " (" + manifest.encoding() + ") from " + manifest.source());
        for (Map.Entry<String, ShardManifest.Split> entry : manifest.splits().entrySet()) {
            ShardManifest.Split split = entry.getValue();
            long bytes = split.shards().stream().mapToLong(ShardManifest.Shard::bytes).sum();
            System.out.printf(Locale.ROOT, "  %-5s %,9d images  %,5d shard(s)  %,.1f MB%n", entry.getKey(), split.count(),
                    split.shards().size(), bytes / 1e6);
        }
        System.out.printf(Locale.ROOT, "manifest %s (%.1f s)%n",
                Locations.show(output.resolve(ShardManifest.FILE_NAME)), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
