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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.reste.tasks.data.BatchAugmenter;
import org.reste.tasks.data.DeviceImages;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.estimator.EstimatorProbe;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.model.Network;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.train.DeviceEvaluation;
import org.reste.tasks.train.PaperRecipe;
import org.reste.tasks.train.SgdMomentum;
import org.reste.tasks.train.TrainingStep;

/**
 * Times whole training steps (forward, loss, backward, SGD update) on real images, after warm-up
 * steps, and reports the median and spread of images per second. The step is the trainer's own
 * {@link TrainingStep}, so what is timed is what trains. Then times evaluation the same way: the
 * trainer's own {@link DeviceEvaluation} over those images, at the same batch size,
 * {@link #EVAL_WARMUP_PASSES} untimed passes and then {@link #EVAL_PASSES} timed ones.
 *
 * <p>Real images, not random pixels: an estimator whose cost depends on its input (the official
 * ReSTE backward indexes with masks of |z| <= t) runs much faster on random data, whose
 * activations drift out of [-t, t] within a few steps, than on the normalised activations of real
 * training; timing both on the same real batches keeps a side-by-side comparison fair. The
 * batches are consecutive slices of the given images (cycled; wrapped around if fewer than a batch).
 */
public final class ThroughputBenchmark {

    /** What was measured, with what. */
    public record Result(
            String backbone,
            String wa,
            String estimator,
            double scheduleValue,
            int batch,
            int threads,
            String device,
            int steps,
            double imagesPerSMedian,
            double imagesPerSMin,
            double imagesPerSMax,
            double[] stepSeconds,
            double evalImagesPerSMedian,
            double evalImagesPerSMin,
            double evalImagesPerSMax) {}

    private ThroughputBenchmark() {}

    /** Timed evaluation passes over the benchmark's distinct batches. */
    static final int EVAL_PASSES = 5;
    /**
     * Untimed passes first: 3, as official_step.py, since 2026-12-07 (1 before). The bit
     * convolutions are Java loops the JIT compiles over the first few thousand images, while a
     * real run evaluates 10,000 a epoch; one pass of a benchmark's 1,000 left them half compiled.
     */
    static final int EVAL_WARMUP_PASSES = 3;

    /** At most this many distinct batches are kept on the device and cycled. */
    static final int DISTINCT_BATCHES = 4;

    public static Result run(
            String backbone, Bits bits, String estimator, int batch, int steps, int warmup, Device device,
            ImageSet images) {
        return run(backbone, bits, estimator, batch, steps, warmup, device, images, 0.5, null);
    }

    /**
     * As {@link #run(String, Bits, String, int, int, int, Device, ImageSet)}, with the estimators'
     * schedules at {@code epochFraction} of training (0.5 by default: ReSTE's o = 1.59); with {@code profileTrace} set,
     * the timed steps also run under libtorch's profiler, which writes a Chrome trace there
     * (per-op times; the profiler's overhead makes those steps' rates not comparable).
     */
    public static Result run(
            String backbone, Bits bits, String estimator, int batch, int steps, int warmup, Device device,
            ImageSet images, double epochFraction, java.nio.file.Path profileTrace) {
        return run(backbone, bits, estimator, batch, steps, warmup, device, images, epochFraction, profileTrace, 0);
    }

    /**
     * As above, after first training {@code pretrainSteps} steps along the schedule from its start
     * up to {@code epochFraction} (the estimators' power and the cosine learning rate ramped per
     * step), so that the timed steps see a trained network rather than a fresh one jumped to that
     * point; the timed steps then use the cosine learning rate of that point instead of 0.1. The
     * official backward's cost depends on the state (it indexes the activations within [-t, t]:
     * about 0.7 of them in a trained network at o = 3, 0.35 in a fresh one after a few steps);
     * {@code results/bench/official_step.py --pretrain-steps} does the same on its side.
     */
    public static Result run(
            String backbone, Bits bits, String estimator, int batch, int steps, int warmup, Device device,
            ImageSet images, double epochFraction, java.nio.file.Path profileTrace, int pretrainSteps) {
        EngineSetup.configure();
        Autograd.stopRecordingInThisThread();
        Engine.getInstance().setRandomSeed(0);
        try (NDManager root = NDManager.newBaseManager(device)) {
            Network network = Backbones.build(
                    backbone, bits, Estimators.of(estimator, EstimatorOptions.defaults(), bits), 10);
            network.block().initialize(root, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            List<Parameter> trainable = new ArrayList<>();
            for (Pair<String, Parameter> pair : network.block().getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    trainable.add(pair.getValue());
                }
            }
            SgdMomentum optimizer = new SgdMomentum(trainable, PaperRecipe.MOMENTUM, PaperRecipe.WEIGHT_DECAY, root);
            TrainingStep step = new TrainingStep(network, optimizer, null, new ParameterStore(root, false));
            List<NDArray> pixelBatches = new ArrayList<>();
            List<NDArray> labelBatches = new ArrayList<>();
            int distinct = Math.max(1, Math.min(DISTINCT_BATCHES, images.size() / batch));
            for (int b = 0; b < distinct; b++) {
                int[] indices = new int[batch];
                for (int j = 0; j < batch; j++) {
                    indices[j] = (b * batch + j) % images.size();
                }
                pixelBatches.add(pixels(root, images, indices));
                labelBatches.add(labels(root, images, indices));
            }
            Normalization normalization = Normalization.paper();
            StepOnBatch stepOn = (b, lr) -> {
                try (StepScope scope = StepScope.open(root, network.block())) {
                    NDArray batchPixels = pixelBatches.get(b).duplicate();
                    batchPixels.attach(scope.manager());
                    step.run(normalization.apply(batchPixels), labelBatches.get(b), lr);
                }
            };
            for (int s = 0; s < pretrainSteps; s++) {
                double at = epochFraction * s / pretrainSteps;
                scheduleAt(network, at);
                stepOn.run(s % distinct, cosineLr(at));
            }
            scheduleAt(network, epochFraction);
            double timedLr = pretrainSteps > 0 ? cosineLr(epochFraction) : PaperRecipe.LR;
            double[] seconds = new double[steps];
            for (int i = -warmup; i < steps; i++) {
                if (i == 0 && profileTrace != null) {
                    JniUtils.startProfile(false, false, false);
                }
                long start = System.nanoTime();
                stepOn.run(Math.floorMod(i, distinct), timedLr);
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            if (profileTrace != null) {
                JniUtils.stopProfile(profileTrace.toAbsolutePath().toString());
            }
            double[] rates = Arrays.stream(seconds).map(s -> batch / s).sorted().toArray();
            double[] evalRates = evaluationRates(network, images.firstN(Math.min(images.size(), distinct * batch)), batch, root);
            return new Result(backbone, bits.toString(), estimator, network.estimators().weights().scheduleValue(),
                    batch, EngineSetup.threads(),
                    device.toString(), steps, median(rates), rates[0], rates[rates.length - 1], seconds,
                    median(evalRates), evalRates[0], evalRates[evalRates.length - 1]);
        }
    }

    /** One training step on the benchmark's b-th batch at learning rate lr. */
    private interface StepOnBatch {
        void run(int b, double lr);
    }

    /** Both estimators' schedules at a fraction of training. */
    private static void scheduleAt(Network network, double fraction) {
        EstimatorProbe.atFraction(network.estimators().weights(), fraction);
        EstimatorProbe.atFraction(network.estimators().activations(), fraction);
    }

    /** The paper's cosine learning rate (no warm-up) at a fraction of training. */
    private static double cosineLr(double fraction) {
        return PaperRecipe.LR * (1 + Math.cos(Math.PI * fraction)) / 2;
    }

    /** Images per second of whole evaluation passes over {@code images}, sorted. */
    private static double[] evaluationRates(Network network, ImageSet images, int batch, NDManager root) {
        ParameterStore store = new ParameterStore(root, false);
        BatchAugmenter plain = BatchAugmenter.paper();
        double[] rates = new double[EVAL_PASSES];
        try (DeviceImages split = DeviceImages.upload(images, root)) {
            for (int i = -EVAL_WARMUP_PASSES; i < EVAL_PASSES; i++) {
                long start = System.nanoTime();
                DeviceEvaluation.evaluate(network, split, batch, plain, store, root);
                if (i >= 0) {
                    rates[i] = images.size() / ((System.nanoTime() - start) / 1e9);
                }
            }
        }
        Arrays.sort(rates);
        return rates;
    }

    private static double median(double[] sorted) {
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static NDArray pixels(NDManager manager, ImageSet images, int[] indices) {
        int size = images.imageBytes();
        byte[] bytes = new byte[indices.length * size];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(images.pixels(), indices[j] * size, bytes, j * size, size);
        }
        return manager.create(ByteBuffer.wrap(bytes),
                new Shape(indices.length, images.channels(), images.height(), images.width()), DataType.UINT8);
    }

    private static NDArray labels(NDManager manager, ImageSet images, int[] indices) {
        long[] labels = new long[indices.length];
        for (int j = 0; j < indices.length; j++) {
            labels[j] = images.labels()[indices[j]];
        }
        return manager.create(labels);
    }
}
