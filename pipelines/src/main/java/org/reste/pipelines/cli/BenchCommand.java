package org.reste.pipelines.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reste.tasks.bench.ThroughputBenchmark;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.io.Locations;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.train.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Training throughput of one backbone: median, min and max images/s over timed steps. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time full training steps (forward, backward, SGD) on real CIFAR-10 images.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--backbone", defaultValue = "resnet20", description = "Default: ${DEFAULT-VALUE}")
    String backbone;

    @Option(names = "--wa", defaultValue = "1/1", description = "W/A bits: 1/1, 1/32 or 32/32. Default: ${DEFAULT-VALUE}")
    String wa;

    @Option(names = "--estimator", defaultValue = "reste", description = "Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--batch", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--steps", defaultValue = "20", description = "Timed steps. Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed steps first. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--data", description = "CIFAR-10 folder (cifar-10-batches-bin or preprocessed shards) whose"
            + " training images are timed, local or gs://; default: the shipped sample (1,000 images).")
    String data;

    @Option(names = "--epoch-fraction", defaultValue = "0.5", description = "Where in training the estimator's"
            + " schedule stands, 0..1 (ReSTE: 0 is o = 1, 1 is o = o_end = 3). Default: ${DEFAULT-VALUE}")
    double epochFraction;

    @Option(names = "--pretrain-steps", defaultValue = "0", description = "First train this many steps along the"
            + " schedule up to --epoch-fraction, so the timed steps see a trained network (and the cosine lr of that point)."
            + " Default: ${DEFAULT-VALUE}")
    int pretrainSteps;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu. Default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--profile", description = "Also write libtorch's per-op profile of the timed steps (Chrome trace JSON) here.")
    java.nio.file.Path profile;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (steps < 1 || batch < 2 || warmup < 0 || pretrainSteps < 0) {
            throw new IllegalArgumentException("--steps >= 1, --batch >= 2, --warmup >= 0 and --pretrain-steps >= 0 are needed");
        }
        if (profile != null) {
            java.nio.file.Path folder = profile.toAbsolutePath().getParent();
            if (!java.nio.file.Files.isDirectory(folder)) {
                // said now, not after the whole benchmark has run
                throw new IllegalArgumentException("--profile " + profile + ": no such folder " + folder);
            }
        }
        ImageSet images = DatasetCatalog.openInMemory("cifar10", data == null ? null : Locations.of(data), false).train();
        ThroughputBenchmark.Result r = ThroughputBenchmark.run(
                backbone, Bits.parse(wa), estimator, batch, steps, warmup, EngineSetup.device(device), images, epochFraction, profile, pretrainSteps);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("backbone", r.backbone());
            out.put("wa", r.wa());
            out.put("estimator", r.estimator());
            out.put("batch", r.batch());
            out.put("schedule_value", Double.isNaN(r.scheduleValue()) ? null : Math.round(r.scheduleValue() * 1e4) / 1e4);
            out.put("threads", r.threads());
            out.put("device", r.device());
            out.put("steps", r.steps());
            out.put("pretrain_steps", pretrainSteps);
            out.put("images_per_s_median", round(r.imagesPerSMedian()));
            out.put("images_per_s_min", round(r.imagesPerSMin()));
            out.put("images_per_s_max", round(r.imagesPerSMax()));
            out.put("eval_images_per_s_median", round(r.evalImagesPerSMedian()));
            out.put("eval_images_per_s_min", round(r.evalImagesPerSMin()));
            out.put("eval_images_per_s_max", round(r.evalImagesPerSMax()));
            System.out.println(Json.write(out));
        } else {
            System.out.printf(Locale.ROOT, "%s %s %s (schedule %.3f) batch %d, %d threads on %s: median %.1f img/s (min %.1f, max %.1f) over %d steps;"
                    + " evaluation median %.1f img/s (min %.1f, max %.1f)%n",
                    r.backbone(), r.wa(), r.estimator(), r.scheduleValue(), r.batch(), r.threads(), r.device(), r.imagesPerSMedian(),
                    r.imagesPerSMin(), r.imagesPerSMax(), r.steps(), r.evalImagesPerSMedian(), r.evalImagesPerSMin(), r.evalImagesPerSMax());
        }
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
