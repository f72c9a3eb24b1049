package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bi-Real Net's ApproxSign: G = 2 - 2|z| inside [-1, 1], 0 outside. */
class ApproxSignTest {

    private static final double[] POINTS = FormulaCheck.symmetric(
            1e-6, 0.05, 0.25, 0.5, 0.75, Math.nextDown(1f), 1, Math.nextUp(1f), 1.5, 3);

    @Test
    void gradientIsTheTriangleThroughRealAutograd() {
        EstimatorProbe.Values values = EstimatorProbe.probe(new ApproxSign(), POINTS);
        FormulaCheck.assertMatches(values, POINTS, ApproxSignTest::formula, "approxsign");
        assertTrue(Double.isNaN(values.scheduleValue()), "no schedule");
    }

    @Test
    void registryBuildsItWithoutASchedule() {
        for (double fraction : new double[] {0, 1}) {
            EstimatorProbe.Values values =
                    EstimatorProbe.probe("approxsign", EstimatorOptions.defaults(), Role.ACTIVATIONS, fraction, POINTS);
            FormulaCheck.assertMatches(values, POINTS, ApproxSignTest::formula, "approxsign at " + fraction);
        }
    }

    /** Bi-Real Net's backward, comparing |z| with 1 in float32 as the tensor does. */
    static double formula(double z) {
        float a = Math.abs((float) z);
        return a <= 1 ? 2 - 2 * (double) a : 0;
    }
}
