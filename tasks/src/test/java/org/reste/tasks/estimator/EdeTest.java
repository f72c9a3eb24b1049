package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IR-Net's EDE: G = k t (1 - tanh^2(t z)), t log-linear from tmin to tmax, k = max(1/t, 1). */
class EdeTest {

    private static final double[] POINTS = FormulaCheck.symmetric(1e-6, 0.05, 0.1, 0.3, 0.5, 1, 1.5, 3, 10);

    @ParameterizedTest
    @CsvSource({"0.1, 10", "0.001, 10"})
    void gradientAtTheStartAndEndOfTheSchedule(double tMin, double tMax) {
        EstimatorOptions options = EstimatorOptions.defaults().withExtra("tmin", tMin).withExtra("tmax", tMax);
        EstimatorProbe.Values start = EstimatorProbe.probe("ede", options, Role.WEIGHTS, 0, POINTS);
        assertEquals(tMin, start.scheduleValue(), 1e-12);
        FormulaCheck.assertMatches(start, POINTS, z -> formula((float) z, tMin), "ede start t=" + tMin);
        EstimatorProbe.Values end = EstimatorProbe.probe("ede", options, Role.ACTIVATIONS, 1, POINTS);
        assertEquals(tMax, end.scheduleValue(), 1e-9);
        FormulaCheck.assertMatches(end, POINTS, z -> formula((float) z, tMax), "ede end t=" + tMax);
    }

    @Test
    void scheduleIsLogLinear() {
        Ede ede = new Ede();
        ede.onEpoch(0, 100);
        assertEquals(0.1, ede.t(), 1e-15);
        assertEquals(10, ede.k(), 1e-12);
        ede.onEpoch(50, 100);
        assertEquals(1.0, ede.t(), 1e-12);
        assertEquals(1.0, ede.k(), 1e-12);
        ede.onEpoch(75, 100);
        assertEquals(Math.sqrt(10), ede.t(), 1e-12);
        assertEquals(1.0, ede.k(), 0.0);
        ede.onEpoch(100, 100);
        assertEquals(10, ede.t(), 1e-12);
        // Halfway (t = 1) through real autograd: G = 1 - tanh^2(z).
        FormulaCheck.assertMatches(EstimatorProbe.probe(setTo(0.5), POINTS), POINTS,
                z -> formula((float) z, 1.0), "ede halfway");
    }

    @Test
    void badTemperaturesNameTheOptions() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.create(
                "ede", EstimatorOptions.defaults().withExtra("tmin", 20), Role.WEIGHTS));
        assertEquals("ede: need 0 < tmin <= tmax, got tmin=20.0, tmax=10.0", error.getMessage());
    }

    private static Ede setTo(double fraction) {
        Ede ede = new Ede();
        EstimatorProbe.atFraction(ede, fraction);
        return ede;
    }

    /** IR-Net's backward at temperature t. */
    static double formula(float z, double t) {
        double k = Math.max(1 / t, 1);
        double tanh = Math.tanh(t * z);
        return k * t * (1 - tanh * tanh);
    }
}
