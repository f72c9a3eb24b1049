package org.reste.tasks.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GradientRecording;
import org.reste.tasks.estimator.FullPrecision;
import org.reste.tasks.estimator.ReSTE;

/**
 * Scaling the conv's output instead of its weights (the parity harness's order) computes the
 * same layer, and keeps exact the zeros where a binary conv's signs cancel.
 */
class BinaryConv2dScaleTest {

    private static final Shape INPUT = new Shape(8, 16, 6, 6);

    @Test
    void realInputsGiveTheSameOutputAndGradientsEitherWay() {
        EngineSetup.configure();
        float[][] before = outputAndWeightGradient(false);
        float[][] after = outputAndWeightGradient(true);
        assertClose(before[0], after[0]);
        assertClose(before[1], after[1]);
    }

    /** Equal up to float32 rounding of differently ordered sums: 1e-5 of the largest magnitude. */
    private static void assertClose(float[] expected, float[] actual) {
        float scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, 1e-5f * scale);
    }

    @Test
    void binaryInputsGiveExactZerosWhereTheSignsCancel() {
        EngineSetup.configure();
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.randomNormal(INPUT);
            BinaryConv2d conv = new BinaryConv2d(16, 16, 3, 1, 1, ReSTE.fixed(1), ReSTE.fixed(1), true);
            conv.initialize(manager, DataType.FLOAT32, INPUT);
            float[] out = conv.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow().toFloatArray();
            NDArray signs = conv.latentWeight().getArray().sign().toType(DataType.FLOAT64, false);
            float[] sums = Conv2d.conv2d(input.sign().toType(DataType.FLOAT64, false), signs, null,
                    new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)).singletonOrThrow()
                    .toType(DataType.FLOAT32, false).toFloatArray();
            int zeros = 0;
            for (int i = 0; i < sums.length; i++) {
                if (sums[i] == 0) {
                    zeros++;
                    assertEquals(0f, out[i], 0f, "output " + i + " of a cancelling sum");
                }
            }
            assertTrue(zeros > 100, "the test needs cancelling sums, found " + zeros);
        }
    }

    /** Output and latent-weight gradient of one 1W/32A conv on fixed random input, scale placed as asked. */
    private static float[][] outputAndWeightGradient(boolean scaleAfterConv) {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.randomNormal(INPUT);
            BinaryConv2d conv = new BinaryConv2d(16, 16, 3, 1, 1, ReSTE.fixed(2), new FullPrecision(), scaleAfterConv);
            conv.initialize(manager, DataType.FLOAT32, INPUT);
            NDArray out;
            try (GradientRecording collector = GradientRecording.start()) {
                out = conv.forward(new ParameterStore(manager, false), new NDList(input), true).singletonOrThrow();
                collector.backward(out.mul(out).sum());
            }
            return new float[][] {out.toFloatArray(), conv.latentWeight().getArray().getGradient().toFloatArray()};
        }
    }
}
