package org.reste.tasks.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.model.Network;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.train.SgdMomentum;
import org.reste.tasks.train.TrainingStep;

/**
 * Times whole training steps (forward, loss, backward, SGD update) on synthetic CIFAR-shaped
 * input, after warm-up steps, and reports the median and spread of images per second. The
 * step is the trainer's own {@link TrainingStep}, so what is timed is what trains.
 */
public final class ThroughputBenchmark {

    /** What was measured, with what. */
    public record Result(
            String backbone,
            String wa,
            String estimator,
            int batch,
            int threads,
            String device,
            int steps,
            double imagesPerSMedian,
            double imagesPerSMin,
            double imagesPerSMax,
            double[] stepSeconds) {}

    private ThroughputBenchmark() {}

    public static Result run(
            String backbone, Bits bits, String estimator, int batch, int steps, int warmup, Device device) {
        return run(backbone, bits, estimator, batch, steps, warmup, device, null);
    }

    /**
     * As {@link #run(String, Bits, String, int, int, int, Device)}; with {@code profileTrace} set,
     * the timed steps also run under libtorch's profiler, which writes a Chrome trace there
     * (per-op times; the profiler's overhead makes those steps' rates not comparable).
     */
    public static Result run(
            String backbone, Bits bits, String estimator, int batch, int steps, int warmup, Device device,
            java.nio.file.Path profileTrace) {
        EngineSetup.configure();
        Autograd.stopRecordingInThisThread();
        Engine.getInstance().setRandomSeed(0);
        try (NDManager root = NDManager.newBaseManager(device)) {
            Network network = Backbones.build(
                    backbone, bits, Estimators.of(estimator, EstimatorOptions.defaults(), bits), 10);
            network.block().initialize(root, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            // Mid-training power, so ReSTE's backward does its full work (o > 1).
            network.estimators().onEpoch(1, 2);
            List<Parameter> trainable = new ArrayList<>();
            for (Pair<String, Parameter> pair : network.block().getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    trainable.add(pair.getValue());
                }
            }
            SgdMomentum optimizer = new SgdMomentum(trainable, 0.9, 1e-4, root);
            TrainingStep step = new TrainingStep(network, optimizer, null, new ParameterStore(root, false));
            NDArray pixels = root.randomInteger(0, 256, new Shape(batch, 3, 32, 32), DataType.INT32)
                    .toType(DataType.UINT8, false);
            NDArray labels = root.randomInteger(0, 10, new Shape(batch), DataType.INT64);
            Normalization normalization = Normalization.paper();
            double[] seconds = new double[steps];
            for (int i = -warmup; i < steps; i++) {
                if (i == 0 && profileTrace != null) {
                    JniUtils.startProfile(false, false, false);
                }
                long start = System.nanoTime();
                try (StepScope scope = StepScope.open(root, network.block())) {
                    NDArray batchPixels = pixels.duplicate();
                    batchPixels.attach(scope.manager());
                    step.run(normalization.apply(batchPixels), labels, 0.1);
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            if (profileTrace != null) {
                JniUtils.stopProfile(profileTrace.toAbsolutePath().toString());
            }
            double[] rates = Arrays.stream(seconds).map(s -> batch / s).sorted().toArray();
            double median = rates.length % 2 == 1
                    ? rates[rates.length / 2]
                    : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
            return new Result(backbone, bits.toString(), estimator, batch, EngineSetup.threads(),
                    device.toString(), steps, median, rates[0], rates[rates.length - 1], seconds);
        }
    }
}
