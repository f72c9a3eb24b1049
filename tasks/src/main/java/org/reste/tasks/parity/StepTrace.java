package org.reste.tasks.parity;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reste.tasks.data.BatchAugmenter;
import org.reste.tasks.data.DeviceImages;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.streaming.EpochOrder;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.estimator.EstimatorProbe;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.model.Network;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.train.Accuracy;
import org.reste.tasks.train.DeviceEvaluation;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.SgdMomentum;
import org.reste.tasks.train.TrainingData;
import org.reste.tasks.train.TrainingStep;

/**
 * The Java half of the parity harness (results/parity): trains a few steps with the trainer's
 * own {@link TrainingStep}, {@link SgdMomentum} and {@link BatchAugmenter}, and writes what a
 * PyTorch run of the official model needs to repeat them and compare, as {@code .npy} files:
 *
 * <pre>
 *   meta.json                          the settings, every parameter's name/shape/trainable, the steps
 *   init/pNNN.npy                      every parameter (running statistics included) before step 1
 *   stepSSS/indices, dy, dx, flip      which training images, and their crops and flips
 *   stepSSS/input.npy, labels.npy      the augmented, normalised batch the network saw
 *   stepSSS/logits.npy, loss.npy       the forward in training mode
 *   stepSSS/grad/pNNN.npy              each trainable parameter's gradient, before the update
 *   stepSSS/after/pNNN.npy             every parameter after the update (running statistics after the forward)
 *   stepSSS/buffer/pNNN.npy            each trainable parameter's momentum buffer after the update
 *   eval/input.npy, labels, logits     inference-mode logits of the first test images after the last step
 * </pre>
 *
 * The batches are the trainer's own ({@link TrainingData#inMemory}: its epoch order, crops and
 * flips, epoch after epoch), so a trace of a whole epoch covers its last, partial batch too; after
 * the last step the trainer's evaluation of the whole test split is recorded in meta.json.
 * Parameters are numbered in DJL's order, which for the CIFAR backbones is the official
 * model's {@code state_dict} order without {@code num_batches_tracked}.
 */
public final class StepTrace {

    /** What to trace. {@code fractions} has one schedule point (0..1 of training) per step. */
    public record Settings(
            String backbone,
            Bits bits,
            String estimator,
            int batch,
            double lr,
            double momentum,
            double weightDecay,
            long seed,
            double[] fractions,
            int evalImages,
            int testBatch,
            boolean float64,
            boolean scaleAfterConv) {

        /** The traced steps' float type: float64 sums a binary conv exactly, float32 as training does. */
        public DataType dtype() {
            return float64 ? DataType.FLOAT64 : DataType.FLOAT32;
        }
    }

    private StepTrace() {}

    /** Traces {@code settings.fractions().length} steps on {@code train}, evaluates on {@code test}, writes {@code out}. */
    public static void run(Settings settings, ImageSet train, ImageSet test, Device device, Path out) {
        EngineSetup.configure();
        Autograd.stopRecordingInThisThread();
        Engine.getInstance().setRandomSeed((int) settings.seed());
        try (NDManager root = NDManager.newBaseManager(device);
                TrainingData data = TrainingData.inMemory(train, test, root);
                DeviceImages testImages = DeviceImages.upload(test.firstN(Math.min(settings.evalImages(), test.size())), root)) {
            Estimators estimators = Estimators.of(settings.estimator(), EstimatorOptions.defaults(), settings.bits());
            Network network = Backbones.build(
                    settings.backbone(), settings.bits(),
                    settings.scaleAfterConv() ? estimators.withScaleAfterConv() : estimators, train.numClasses());
            network.block().initialize(root, settings.dtype(), new Shape(1, train.channels(), train.height(), train.width()));
            List<Parameter> all = new ArrayList<>();
            List<Parameter> trainable = new ArrayList<>();
            List<Map<String, Object>> described = new ArrayList<>();
            for (Pair<String, Parameter> pair : network.block().getParameters()) {
                Parameter p = pair.getValue();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("index", all.size());
                d.put("name", pair.getKey());
                d.put("shape", p.getArray().getShape().getShape());
                d.put("trainable", p.requiresGradient());
                described.add(d);
                all.add(p);
                if (p.requiresGradient()) {
                    trainable.add(p);
                }
            }
            writeAll(out.resolve("init"), all);
            SgdMomentum optimizer = new SgdMomentum(trainable, settings.momentum(), settings.weightDecay(), root);
            ParameterStore store = new ParameterStore(root, false);
            TrainingStep step = new TrainingStep(network, optimizer, null, store);
            BatchAugmenter augmenter = BatchAugmenter.paper();
            List<Map<String, Object>> steps = new ArrayList<>();
            // The trainer's own batches: its epoch order, crops and flips, epoch after epoch.
            int epoch = 0;
            int s = 0;
            while (s < settings.fractions().length) {
                try (TrainingData.Epoch batches = data.epoch(epoch, settings.batch(), EpochOrder.random(settings.seed(), epoch))) {
                    for (int b = 0; b < batches.steps() && s < settings.fractions().length; b++, s++) {
                        steps.add(traceStep(s, epoch, settings, network, step, optimizer, batches, root, all, trainable, out));
                    }
                }
                epoch++;
            }
            try (StepScope scope = StepScope.open(root, network.block())) {
                NDManager m = scope.manager();
                NDArray indices = m.arange(0, testImages.size(), 1, DataType.INT64);
                NDArray images = augmenter.plain(testImages.pixels(indices)).toType(settings.dtype(), false);
                NDArray logits = network.block().forward(store, new NDList(images), false).singletonOrThrow();
                Path dir = out.resolve("eval");
                Npy.write(dir.resolve("input.npy"), images);
                Npy.write(dir.resolve("labels.npy"), testImages.labels(indices));
                Npy.write(dir.resolve("logits.npy"), logits);
            }
            // The trainer's evaluation of the whole test split, for steps.py to repeat.
            // (The trainer evaluates in float32 only.)
            Accuracy accuracy = settings.dtype() == DataType.FLOAT32
                    ? data.evaluate(network, settings.testBatch(), store, root) : null;
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("backbone", settings.backbone());
            meta.put("wa", settings.bits().toString());
            meta.put("estimator", settings.estimator());
            meta.put("batch", settings.batch());
            meta.put("lr", settings.lr());
            meta.put("momentum", settings.momentum());
            meta.put("weight_decay", settings.weightDecay());
            meta.put("seed", settings.seed());
            meta.put("dtype", settings.dtype() == DataType.FLOAT64 ? "float64" : "float32");
            meta.put("scale_after_conv", settings.scaleAfterConv());
            meta.put("train_images", train.size());
            meta.put("eval_images", testImages.size());
            meta.put("test_images", test.size());
            meta.put("test_batch", settings.testBatch());
            meta.put("trainer_test_top1", accuracy == null ? null : accuracy.top1());
            meta.put("trainer_test_top5", accuracy == null ? null : accuracy.top5());
            meta.put("pytorch_version", Engine.getInstance().getVersion());
            meta.put("djl_version", Engine.getDjlVersion());
            meta.put("params", described);
            meta.put("steps", steps);
            Files.writeString(out.resolve("meta.json"), Json.write(meta));
        } catch (IOException e) {
            throw new UncheckedIOException("parity trace: cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** One traced step: the batch and its provenance, the forward, every gradient, the update. */
    private static Map<String, Object> traceStep(
            int s, int epoch, Settings settings, Network network, TrainingStep step, SgdMomentum optimizer,
            TrainingData.Epoch batches, NDManager root, List<Parameter> all, List<Parameter> trainable, Path out) {
        EstimatorProbe.atFraction(network.estimators().weights(), settings.fractions()[s]);
        EstimatorProbe.atFraction(network.estimators().activations(), settings.fractions()[s]);
        Path dir = out.resolve(String.format(Locale.ROOT, "step%03d", s));
        try (StepScope scope = StepScope.open(root, network.block())) {
            TrainingData.Batch batch = batches.next(scope.manager());
            NDArray images = batch.images().toType(settings.dtype(), false);
            Npy.write(dir.resolve("indices.npy"), batch.rows());
            Npy.write(dir.resolve("dy.npy"), batch.draws().dy());
            Npy.write(dir.resolve("dx.npy"), batch.draws().dx());
            Npy.write(dir.resolve("flip.npy"), flips(batch.draws().flip()));
            Npy.write(dir.resolve("input.npy"), images);
            Npy.write(dir.resolve("labels.npy"), batch.labels());
            TrainingStep.Pass pass = step.forwardBackward(images, batch.labels());
            Npy.write(dir.resolve("logits.npy"), pass.logits());
            Npy.write(dir.resolve("loss.npy"), pass.loss());
            for (Parameter p : trainable) {
                try (NDArray grad = p.getArray().getGradient()) {
                    Npy.write(dir.resolve("grad").resolve(name(all.indexOf(p))), grad);
                }
            }
            step.update(settings.lr());
        }
        writeAll(dir.resolve("after"), all);
        NDList buffers = optimizer.buffers();
        for (int i = 0; i < trainable.size(); i++) {
            Npy.write(dir.resolve("buffer").resolve(name(all.indexOf(trainable.get(i)))), buffers.get(i));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("step", s);
        d.put("epoch", epoch);
        d.put("fraction", settings.fractions()[s]);
        d.put("schedule_value_weights", finiteOrNull(network.estimators().weights().scheduleValue()));
        d.put("schedule_value_activations", finiteOrNull(network.estimators().activations().scheduleValue()));
        d.put("lr", settings.lr());
        return d;
    }

    private static void writeAll(Path dir, List<Parameter> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            Npy.write(dir.resolve(name(i)), parameters.get(i).getArray());
        }
    }

    private static String name(int index) {
        return String.format(Locale.ROOT, "p%03d.npy", index);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static int[] flips(boolean[] flip) {
        int[] out = new int[flip.length];
        for (int i = 0; i < flip.length; i++) {
            out[i] = flip[i] ? 1 : 0;
        }
        return out;
    }
}
