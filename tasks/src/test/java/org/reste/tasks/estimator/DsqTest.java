package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DSQ at 1 bit on [-1, 1]: G = s k (1 - tanh^2(k z)) inside, 0 outside. */
class DsqTest {

    private static final double[] POINTS = FormulaCheck.symmetric(
            1e-6, 0.05, 0.3, 0.7, Math.nextDown(1f), 1, Math.nextUp(1f), 1.5, 4);

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.2, 0.5, 0.9})
    void gradientMatchesTheSoftQuantizersDerivative(double alpha) {
        EstimatorProbe.Values values = EstimatorProbe.probe(new Dsq(alpha), POINTS);
        FormulaCheck.assertMatches(values, POINTS, z -> formula((float) z, alpha), "dsq alpha=" + alpha);
    }

    @Test
    void constantsFollowFromAlpha() {
        Dsq dsq = new Dsq(0.2);
        assertEquals(Math.log(9) / 2, dsq.k(), 1e-15);
        assertEquals(1.25, dsq.s(), 1e-15);
        // s = 1 / tanh(k): the soft quantizer reaches exactly +-1 at the range's edge.
        assertEquals(1 / Math.tanh(dsq.k()), dsq.s(), 1e-12);
    }

    @Test
    void hasNoScheduleSoStartAndEndAgree() {
        for (double fraction : new double[] {0, 1}) {
            EstimatorProbe.Values values =
                    EstimatorProbe.probe("dsq", EstimatorOptions.defaults(), Role.WEIGHTS, fraction, POINTS);
            FormulaCheck.assertMatches(values, POINTS, z -> formula((float) z, 0.2), "dsq default at " + fraction);
            assertTrue(Double.isNaN(values.scheduleValue()));
        }
        EstimatorProbe.Values custom = EstimatorProbe.probe(
                "dsq", EstimatorOptions.defaults().withExtra("alpha", 0.5), Role.ACTIVATIONS, 1, POINTS);
        FormulaCheck.assertMatches(custom, POINTS, z -> formula((float) z, 0.5), "dsq alpha=0.5 via options");
    }

    @Test
    void alphaOutsideZeroToOneIsRefused() {
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.create(
                "dsq", EstimatorOptions.defaults().withExtra("alpha", 1.0), Role.WEIGHTS));
        assertEquals("dsq: alpha must be in (0, 1), got 1.0", alpha.getMessage());
    }

    /** DSQ's 1-bit backward, written from the paper's definitions of k and s. */
    static double formula(float z, double alpha) {
        if (Math.abs(z) > 1) {
            return 0;
        }
        double k = Math.log(2 / alpha - 1) / 2;
        double s = 1 / (1 - alpha);
        double tanh = Math.tanh(k * z);
        return s * k * (1 - tanh * tanh);
    }
}
