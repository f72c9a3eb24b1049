package org.reste.pipelines.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.reste.pipelines.preprocess.PreprocessOptions;
import org.reste.pipelines.preprocess.PreprocessPipeline;
import org.reste.tasks.data.tfrecord.ShardManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import org.reste.tasks.io.Locations;

/**
 * Raw data to TFRecord shards and a manifest, as a Beam pipeline (DirectRunner by default).
 * Options it does not know go to Beam unchanged.
 */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = "Turn raw CIFAR-10, Fashion-MNIST or ImageNet into TFRecord shards (tf.train.Example) and a"
                + " manifest.json that train --data DIR reads.")
final class PreprocessCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "cifar10, fashion-mnist or imagenet")
    String dataset;

    @Option(names = "--input", required = true, description = "Raw data folder: cifar-10-batches-bin (or its parent),"
            + " the Fashion-MNIST idx(.gz) files, or an ImageNet root with train/<class>/ and val/<class>/; local or gs://.")
    String input;

    @Option(names = "--output", required = true, description = "Folder for <split>/<split>-SSSSS-of-NNNNN.tfrecord"
            + " and manifest.json; local or gs://.")
    String output;

    @Option(names = "--shards", defaultValue = "0",
            description = "Shards per split; 0 = one per 128 MiB of image data, at least 1. Default: ${DEFAULT-VALUE}")
    int shards;

    @Option(names = "--overwrite", description = "Replace a manifest and shards an earlier run left in --output.")
    boolean overwrite;

    @Option(names = "--runner", defaultValue = "DirectRunner", description = "Beam runner. Default: ${DEFAULT-VALUE}")
    String runner;

    @Unmatched
    List<String> beamArgs = new ArrayList<>();

    private static final String QUIET_SINK = "org.slf4j.simpleLogger.log.org.apache.beam.sdk.io.FileBasedSink";

    @Override
    public Integer call() {
        // Beam's file sink warns that it found no temp files to delete after it has renamed them
        // all into place: noise on every successful run, so it is quieted unless asked for.
        if (System.getProperty(QUIET_SINK) == null) {
            System.setProperty(QUIET_SINK, "error");
        }
        List<String> args = new ArrayList<>(beamArgs);
        args.add("--runner=" + runner);
        PreprocessOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
                .as(PreprocessOptions.class);
        options.setDataset(dataset);
        options.setInput(input);
        options.setOutput(output);
        options.setShards(shards);
        options.setOverwrite(overwrite);
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
                Locations.show(Locations.of(output).toAbsolutePath().normalize().resolve(ShardManifest.FILE_NAME)), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
