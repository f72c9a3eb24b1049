package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ReSTE's backward, through real autograd, against the paper's formula at and around its boundaries. */
class ReSTEGradientTest {

    private static final float M = 0.1f;
    private static final float T = 1.5f;

    /** The boundaries |z| = m and |z| = t themselves, and float32 neighbours on both sides. */
    private static final double[] POINTS = {
        -2, -T, Math.nextUp(-T), Math.nextDown(-T), -1, -0.5, -M, Math.nextUp(-M), Math.nextDown(-M), -0.05, 0,
        0.05, Math.nextDown(M), M, Math.nextUp(M), 0.3, 1, Math.nextDown(T), T, Math.nextUp(T), 2
    };

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 2.0, 3.0})
    void gradientMatchesFormulaAtBoundaries(double o) {
        EstimatorProbe.Values values = EstimatorProbe.probe(ReSTE.fixed(o), POINTS);
        for (int i = 0; i < POINTS.length; i++) {
            float z = (float) POINTS[i];
            double expected = formula(z, o);
            assertEquals(expected, values.gradient()[i], 1e-5 * Math.max(1, expected),
                    "G(" + z + ") at o=" + o);
            assertEquals(Math.signum(z), values.forward()[i], 0.0, "forward sign(" + z + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 2.0, 3.0})
    void scheduledEstimatorAtEndEqualsFixedPower(double oEnd) {
        ReSTE scheduled = new ReSTE(oEnd);
        scheduled.onEpoch(10, 10);
        assertEquals(oEnd, scheduled.power(), 1e-12);
        scheduled.onEpoch(0, 10);
        assertEquals(1.0, scheduled.power(), 0.0);
    }

    @org.junit.jupiter.api.Test
    void powerOneIsTheClippedSteAtT() {
        EstimatorProbe.Values values = EstimatorProbe.probe(ReSTE.fixed(1.0), POINTS);
        for (int i = 0; i < POINTS.length; i++) {
            float z = (float) POINTS[i];
            assertEquals(Math.abs(z) <= T ? 1.0 : 0.0, values.gradient()[i], 1e-6, "G(" + z + ")");
        }
    }

    /** DESIGN.md's backward, compared in float32 as torch compares with a Python float. */
    static double formula(float z, double o) {
        float a = Math.abs(z);
        if (a > T) {
            return 0;
        }
        if (a <= M) {
            return Math.pow(0.1, 1 / o) / 0.1;
        }
        return (1 / o) * Math.pow(a, (1 - o) / o);
    }
}
