package org.reste.pipelines.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.io.Locations;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.parity.StepTrace;
import org.reste.tasks.train.PaperRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The Java half of the parity harness (results/parity/parity.sh runs it; see results/parity/README.md). */
@Command(name = "parity-trace", mixinStandardHelpOptions = true,
        description = "Train a few steps and write every input, logit, gradient and weight as .npy files,"
                + " for results/parity/steps.py to repeat with the official PyTorch model and compare.")
final class ParityTraceCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder for the trace (local).")
    Path out;

    @Option(names = "--data", description = "CIFAR-10 folder (cifar-10-batches-bin), local or gs://;"
            + " default: the shipped sample.")
    String data;

    @Option(names = "--backbone", defaultValue = "resnet20", description = "Default: ${DEFAULT-VALUE}")
    String backbone;

    @Option(names = "--wa", defaultValue = "1/1", description = "1/1, 1/32 or 32/32. Default: ${DEFAULT-VALUE}")
    String wa;

    @Option(names = "--estimator", defaultValue = "reste", description = "Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--batch", defaultValue = "128", description = "Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--train-subset", defaultValue = "10000", description = "The first N training images. Default: ${DEFAULT-VALUE}")
    int trainSubset;

    @Option(names = "--eval-images", defaultValue = "512", description = "Test images evaluated after the last step. Default: ${DEFAULT-VALUE}")
    int evalImages;

    @Option(names = "--fractions", defaultValue = "0,0,0,0.5,0.5,0.5,1,1,1", split = ",",
            description = "One point of the schedule (0..1 of training; ReSTE: 0 is o = 1, 1 is o = 3) per traced step;"
                    + " with --steps beyond the list, its last value holds. Default: ${DEFAULT-VALUE}")
    double[] fractions;

    @Option(names = "--steps", defaultValue = "0", description = "Steps to trace (0: one per --fractions value). The"
            + " batches are the trainer's, epoch after epoch: 79 steps of batch 128 on 10,000 images are one whole epoch.")
    int steps;

    @Option(names = "--test-batch", defaultValue = "128", description = "Batch of the trainer's evaluation after the last"
            + " step. Default: ${DEFAULT-VALUE}")
    int testBatch;

    @Option(names = "--float64", description = "Train the traced steps in float64: a binarized conv's outputs are"
            + " integer multiples of its scale, and only float64 sums them exactly, so float32 decides ReLU's mask at"
            + " the many exact zeros by rounding.")
    boolean float64;

    @Option(names = "--scale-after-conv", description = "Binarized convs sum sign(a) * sign(w) exactly and scale the"
            + " output, instead of scaling the weights first (the official order), so that ReLU's mask at the outputs where"
            + " the signs cancel does not depend on rounding (see BinaryConv2d); steps.py does the same on the official side.")
    boolean scaleAfterConv;

    @Override
    public Integer call() {
        if (batch < 2 || fractions.length == 0 || evalImages < 1 || trainSubset < 0 || steps < 0 || testBatch < 1) {
            throw new IllegalArgumentException("--batch >= 2, --eval-images >= 1, --train-subset >= 0 and at least one --fractions value are needed");
        }
        InMemoryDataset shards = DatasetCatalog.openInMemory("cifar10", data == null ? null : Locations.of(data), false);
        ImageSet train = shards.train();
        if (trainSubset > 0 && trainSubset < train.size()) {
            train = train.firstN(trainSubset);
        }
        double[] perStep = Arrays.copyOf(fractions, Math.max(steps, fractions.length));
        Arrays.fill(perStep, fractions.length, perStep.length, fractions[fractions.length - 1]);
        StepTrace.Settings settings = new StepTrace.Settings(
                backbone, Bits.parse(wa), estimator, batch, lr, PaperRecipe.MOMENTUM, PaperRecipe.WEIGHT_DECAY, seed, perStep, evalImages, testBatch,
                float64, scaleAfterConv);
        StepTrace.run(settings, train, shards.test(), EngineSetup.device("cpu"), out);
        System.out.println("parity trace of " + perStep.length + " steps in " + out);
        return 0;
    }
}
