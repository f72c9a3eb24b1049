package org.reste.pipelines.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.io.Locations;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.PaperRecipe;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunContext;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunResult;
import org.reste.tasks.train.RunTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains one network and writes its run record. The same spec and --out again resumes an
 * interrupted run, or says it is finished and trains nothing.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one binary network with the paper's recipe and write its run record.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--backbone", defaultValue = "resnet20", description = "Default: ${DEFAULT-VALUE}")
    String backbone;

    @Option(names = "--wa", defaultValue = "1/1", description = "W/A bits: 1/1, 1/32 or 32/32. Default: ${DEFAULT-VALUE}")
    String wa;

    @Option(names = "--estimator", defaultValue = "reste",
            description = "reste, ste, approxsign, dsq, ede, fda, rbnn, identity. Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--estimator-arg", paramLabel = "NAME=VALUE",
            description = "An estimator-specific option, repeatable: dsq alpha; ede tmin, tmax; fda omega, n_start,"
                    + " n_end; rbnn tmin, tmax. Unset ones take their defaults; all are recorded in the spec.")
    List<String> estimatorArgList;

    @Option(names = "--dataset", defaultValue = "cifar10", description = "cifar10 or fashion-mnist. Default: ${DEFAULT-VALUE}")
    String dataset;

    @Option(names = "--data", description = "Directory with the raw data set, or shards from `reste preprocess`. Local or gs://. Default: the CIFAR-10 sample shipped in data/.")
    String data;

    @Option(names = "--download", description = "Download the data set (with checksum) into --data if it is missing.")
    boolean download;

    @Option(names = "--epochs", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--train-subset", defaultValue = "0", description = "Train on the first N images (0 = all). Default: ${DEFAULT-VALUE}")
    int trainSubset;

    @Option(names = "--test-subset", defaultValue = "0", description = "Test on the first N images (0 = all). Default: ${DEFAULT-VALUE}")
    int testSubset;

    @Option(names = "--batch", defaultValue = "" + PaperRecipe.BATCH, description = "Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--test-batch", defaultValue = "" + PaperRecipe.TEST_BATCH, description = "Default: ${DEFAULT-VALUE}")
    int testBatch;

    @Option(names = "--lr", defaultValue = "" + PaperRecipe.LR, description = "Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--o-end", defaultValue = "" + PaperRecipe.O_END, description = "ReSTE's final power o. Default: ${DEFAULT-VALUE}")
    double oEnd;

    @Option(names = "--t", defaultValue = "" + PaperRecipe.T, description = "ReSTE's clip threshold t. Default: ${DEFAULT-VALUE}")
    double t;

    @Option(names = "--m", defaultValue = "" + PaperRecipe.M, description = "ReSTE's small interval m (t > m > 0). Default: ${DEFAULT-VALUE}")
    double m;

    @Option(names = "--momentum", defaultValue = "" + PaperRecipe.MOMENTUM, description = "SGD's momentum. Default: ${DEFAULT-VALUE}")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "" + PaperRecipe.WEIGHT_DECAY, description = "Weight decay on every parameter. Default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--warmup", description = PaperRecipe.WARMUP_EPOCHS + " warm-up epochs, lr * (e+1)/" + PaperRecipe.WARMUP_EPOCHS + ", as the paper.")
    boolean warmup;

    @Option(names = "--indicators", description = "Record estimating error and gradient instability per epoch.")
    boolean indicators;

    @Option(names = "--out", defaultValue = "out", description = "Where runs/ and checkpoints/ go (a folder or gs://bucket/prefix). Default: ${DEFAULT-VALUE}")
    String out;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu. Default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--seed", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() {
        ExperimentSpec spec = ExperimentSpec.builder()
                .backbone(backbone).wa(wa)
                .estimator(estimator).oEnd(oEnd).t(t).m(m).estimatorArgs(EstimatorArgs.parse(estimatorArgList))
                .dataset(dataset).trainSubset(trainSubset).testSubset(testSubset)
                .epochs(epochs).batch(batch).testBatch(testBatch).lr(lr).momentum(momentum).weightDecay(weightDecay)
                .warmupEpochs(warmup ? PaperRecipe.WARMUP_EPOCHS : 0)
                .seed(seed).indicators(indicators)
                .build();
        PathRunStore store = new PathRunStore(Locations.of(out)); // a missing bucket stops here, before the data
        DatasetShards shards = DatasetCatalog.open(dataset, data == null ? null : Locations.of(data), download);
        RunContext context = new RunContext(EngineSetup.device(device),
                new ConsoleProgress(System.out, System.console() != null), System.getProperty("reste.commit", "unknown"));
        String options = spec.estimatorArgs().isEmpty() ? "" : " " + spec.estimatorArgs();
        System.out.println("run " + spec.runId() + ": " + backbone + " " + wa + " " + estimator + options + " on "
                + shards.describe());
        RunResult result = RunTrainer.train(spec, shards, store, context);
        if (result.outcome() == RunResult.Outcome.HELD_ELSEWHERE) {
            return 0; // the listener said who holds it
        }
        RunRecord record = result.record();
        System.out.printf(Locale.ROOT, "%s after %d/%d epochs: final top-1 %s, best top-1 %s, top-5 %s, %.1f img/s%n",
                record.status().json(), record.epochsRun(), record.epochsPlanned(), percent(record.finalTop1()),
                percent(record.bestTop1()), percent(record.finalTop5()), record.imagesPerS());
        System.out.println("record: " + store.recordLocation(spec.runId()));
        return record.status().json().equals("diverged") ? 3 : 0;
    }

    private static String percent(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", value);
    }
}
