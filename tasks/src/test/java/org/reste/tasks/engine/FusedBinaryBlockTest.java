package org.reste.tasks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The middle activation's signs taken from the sums' intervals are exactly the signs of its
 * values, for BatchNorms of either sign of scale; and where a value is exactly 0 (a fresh
 * BatchNorm, shift 0) there are no intervals, so the values are made instead.
 */
class FusedBinaryBlockTest {

    private static final int IN = 16;
    private static final int OUT = 8;

    @Test
    void intervalsGiveTheSignsOfTheValues() {
        Random random = new Random(4);
        for (int trial = 0; trial < 20; trial++) {
            float[] gamma = new float[OUT];
            float[] beta = new float[OUT];
            float[] mean = new float[OUT];
            float[] variance = new float[OUT];
            for (int o = 0; o < OUT; o++) {
                gamma[o] = (float) random.nextGaussian(); // negative scales too
                beta[o] = (float) random.nextGaussian();
                mean[o] = (float) random.nextGaussian();
                variance[o] = 0.1f + random.nextFloat();
            }
            FusedBinaryBlock.Stage stage = FusedBinaryBlock.Stage.of(convolution(random), 0.01f + random.nextFloat(),
                    gamma, beta, mean, variance, 1e-5f);
            FusedBinaryBlock.PositiveSums positive = stage.positiveSums();
            assertNotNull(positive, "a trained BatchNorm has no value exactly 0");
            int reach = 9 * IN;
            for (int o = 0; o < OUT; o++) {
                for (int sum = -reach; sum <= reach; sum++) {
                    boolean inside = sum >= positive.low()[o] && sum <= positive.high()[o];
                    assertEquals(stage.valueOf(o, sum) > 0, inside, "channel " + o + ", sum " + sum);
                }
            }
        }
    }

    @Test
    void aFreshBatchNormHasExactZerosAndNoIntervals() {
        float[] ones = new float[OUT];
        java.util.Arrays.fill(ones, 1f);
        FusedBinaryBlock.Stage stage = FusedBinaryBlock.Stage.of(convolution(new Random(1)), 0.5f,
                ones, new float[OUT], new float[OUT], ones, 1e-5f);
        assertEquals(0f, stage.valueOf(0, -3), "the ReLU's zeros stay 0 through a fresh BatchNorm");
        assertNull(stage.positiveSums());
    }

    private static XnorConvolution convolution(Random random) {
        float[] weight = new float[OUT * IN * 9];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = random.nextBoolean() ? 0.5f : -0.5f;
        }
        XnorConvolution conv = XnorConvolution.of(weight, IN, OUT, 3, 1, 1);
        assertNotNull(conv);
        return conv;
    }
}
