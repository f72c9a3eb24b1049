package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;

/** Compares a probe through real autograd with a backward formula written out in plain Java. */
final class FormulaCheck {

    private FormulaCheck() {}

    /**
     * Forward is exactly sign(z) (torch.sign: sign(0) = 0); the gradient equals {@code formula}
     * at the float32 value of each point, to 1e-5 relative (absolute below 1).
     */
    static void assertMatches(EstimatorProbe.Values values, double[] points, DoubleUnaryOperator formula, String label) {
        for (int i = 0; i < points.length; i++) {
            float z = (float) points[i];
            assertEquals(Math.signum(z), values.forward()[i], 0.0, label + ": forward sign(" + z + ")");
            double expected = formula.applyAsDouble(z);
            assertEquals(expected, values.gradient()[i], 1e-5 * Math.max(1, Math.abs(expected)), label + ": G(" + z + ")");
        }
    }

    /** The points and their negatives, with 0 once. */
    static double[] symmetric(double... positive) {
        double[] points = new double[2 * positive.length + 1];
        for (int i = 0; i < positive.length; i++) {
            points[i] = -positive[positive.length - 1 - i];
            points[positive.length + 1 + i] = positive[i];
        }
        return points;
    }
}
