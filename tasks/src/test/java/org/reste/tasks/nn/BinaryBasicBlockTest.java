package org.reste.tasks.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GradientRecording;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.model.Network;

/**
 * The fused evaluation of the binary basic block (bits, one pass per image) gives what libtorch's
 * op-by-op evaluation gives (under a recording nothing is fused, so the same block evaluated
 * there is the reference), for the identity block and the stride-2 option-A block, with
 * BatchNorm statistics far from their initial values; and a whole ResNet-20 1W/1A evaluates to
 * the same logits and classes.
 */
class BinaryBasicBlockTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure();
    }

    @Test
    void identityBlockEvaluatesAsLibtorch() {
        compareBlock(16, 16, 1, 12, Blocks.identityBlock(), true);
    }

    @Test
    void strideTwoOptionABlockEvaluatesAsLibtorch() {
        compareBlock(16, 32, 2, 12, Layers.optionAShortcut(16), true);
    }

    /**
     * Fresh BatchNorms (shift 0) map every sum the ReLU cuts to exactly 0, whose sign is 0: the
     * middle activation then goes through its values and masks instead of its sign intervals.
     * The reference scales after the convolution ({@code scaleAfterConv}), as the bit path does:
     * with the scale first, a window whose signs cancel sums to a rounding residue of either
     * sign, and the fresh BatchNorm keeps that sign where the exact sum's is 0.
     */
    @Test
    void freshBatchNormsWithExactZerosEvaluateAsLibtorch() {
        compareBlock(32, 32, 1, 8, Blocks.identityBlock(), false);
    }

    /** Evaluation keeps a conv's bits while its weights stay the same; new weights give new bits. */
    @Test
    void newWeightsGiveNewBits() {
        Engine.getInstance().setRandomSeed(2);
        Bits bits = Bits.parse("1/1");
        Estimators estimators = Estimators.of("reste", EstimatorOptions.defaults(), bits);
        BinaryConv2d conv = new BinaryConv2d(16, 8, 3, 1, 1, estimators.weights(), estimators.activations());
        Shape shape = new Shape(2, 16, 6, 6);
        try (NDManager manager = NDManager.newBaseManager()) {
            conv.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomNormal(shape);
            ParameterStore store = new ParameterStore(manager, false);
            float[] before = conv.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            NDArray weight = conv.latentWeight().getArray();
            weight.set(weight.neg().toFloatArray());
            float[] after = conv.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            float largest = 0;
            for (int i = 0; i < before.length; i++) {
                assertEquals(-before[i], after[i], 0f, "output " + i + " with the weights negated");
                largest = Math.max(largest, Math.abs(before[i]));
            }
            assertTrue(largest > 0, "outputs not all 0");
        }
    }

    private static void compareBlock(int in, int out, int stride, int size, Block shortcut, boolean trained) {
        Engine.getInstance().setRandomSeed(11);
        Bits bits = Bits.parse("1/1");
        Estimators estimators = Estimators.of("reste", EstimatorOptions.defaults(), bits);
        BinaryConv2d conv1 = new BinaryConv2d(in, out, 3, stride, 1, estimators.weights(), estimators.activations(), !trained);
        BinaryConv2d conv2 = new BinaryConv2d(out, out, 3, 1, 1, estimators.weights(), estimators.activations(), !trained);
        BinaryBasicBlock block = BinaryBasicBlock.of(conv1, conv2, shortcut);
        Shape shape = new Shape(6, in, size, size);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, shape);
            if (trained) {
                randomizeBatchNorms(block, new Random(3));
            }
            NDArray x = manager.randomNormal(shape);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray direct = block.fusedEvaluation(store, x, null);
            assertNotNull(direct, "the fused path applies");
            float[] fused = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(direct.toFloatArray(), fused, 0f, "evaluation takes the fused path");
            float[] reference;
            try (GradientRecording recording = GradientRecording.start()) {
                reference = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            }
            assertEquals(6 * out * (size / stride) * (size / stride), fused.length);
            float largest = 0;
            for (float v : reference) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest > 1, "a block output of some size");
            assertArrayEquals(reference, fused, 1e-5f * largest);
        }
    }

    /** BatchNorm parameters and running statistics away from 1 and 0, as after training. */
    private static void randomizeBatchNorms(Block block, Random random) {
        for (Pair<String, Parameter> pair : block.getParameters()) {
            String name = pair.getKey();
            NDArray array = pair.getValue().getArray();
            if (array.getShape().dimension() != 1) {
                continue;
            }
            float[] values = new float[Math.toIntExact(array.size())];
            for (int i = 0; i < values.length; i++) {
                if (name.endsWith("runningVar")) {
                    values[i] = 0.2f + 3 * random.nextFloat();
                } else if (name.endsWith("gamma")) {
                    values[i] = 0.5f + random.nextFloat();
                } else {
                    values[i] = (float) random.nextGaussian();
                }
            }
            array.set(FloatBuffer.wrap(values));
        }
    }

    @Test
    void resNet20EvaluatesToTheSameClasses() {
        Engine.getInstance().setRandomSeed(5);
        Bits bits = Bits.parse("1/1");
        Network network = Backbones.build("resnet20", bits, Estimators.of("reste", EstimatorOptions.defaults(), bits), 10);
        Shape shape = new Shape(16, 3, 32, 32);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, shape);
            randomizeBatchNorms(network.block(), new Random(9));
            NDArray images = manager.randomNormal(shape);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray fused = network.block().forward(store, new NDList(images), false).singletonOrThrow();
            NDArray reference;
            try (GradientRecording recording = GradientRecording.start()) {
                reference = network.block().forward(store, new NDList(images), false).singletonOrThrow();
            }
            assertArrayEquals(reference.argMax(1).toLongArray(), fused.argMax(1).toLongArray());
            float spread = reference.sub(reference.mean()).abs().max().getFloat();
            float gap = reference.sub(fused).abs().max().getFloat();
            assertTrue(gap <= 1e-3f * spread, "logits within 1e-3 of their spread: gap " + gap + ", spread " + spread);
            assertNotEquals(0f, spread);
        }
    }
}
