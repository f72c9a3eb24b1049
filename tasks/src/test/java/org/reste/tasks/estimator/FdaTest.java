package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FDA: G = (4 omega / pi) sum_{i=0..n} cos((2i+1) omega z) on [-1, 1], 0 outside. */
class FdaTest {

    /** Near 0 (the closed form's removable singularity), the n = 18 zero crossing (0.827), the clip. */
    private static final double[] POINTS = FormulaCheck.symmetric(
            1e-30, 1e-7, 1e-5, 1e-3, 0.05, 0.3, 0.6, 0.82, 0.83, 0.9, Math.nextDown(1f), 1, Math.nextUp(1f), 2, 31.4);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 13, 18, 40})
    void closedFormEqualsTheSumOfCosines(int n) {
        EstimatorProbe.Values values = EstimatorProbe.probe(Fda.fixed(0.1, n), POINTS);
        FormulaCheck.assertMatches(values, POINTS, z -> formula((float) z, 0.1, n), "fda n=" + n);
        assertEquals(n, values.scheduleValue(), 0.0);
    }

    @Test
    void termsGrowFromNineToEighteen() {
        EstimatorProbe.Values start = EstimatorProbe.probe("fda", EstimatorOptions.defaults(), Role.WEIGHTS, 0, POINTS);
        assertEquals(9, start.scheduleValue(), 0.0);
        FormulaCheck.assertMatches(start, POINTS, z -> formula((float) z, 0.1, 9), "fda start");
        EstimatorProbe.Values end = EstimatorProbe.probe("fda", EstimatorOptions.defaults(), Role.ACTIVATIONS, 1, POINTS);
        assertEquals(18, end.scheduleValue(), 0.0);
        FormulaCheck.assertMatches(end, POINTS, z -> formula((float) z, 0.1, 18), "fda end");

        Fda fda = new Fda();
        fda.onEpoch(0, 100);
        assertEquals(9, fda.terms());
        fda.onEpoch(50, 100);
        assertEquals(13, fda.terms());
        fda.onEpoch(99, 100);
        assertEquals(17, fda.terms());
    }

    @Test
    void boundedByItsValueAtZeroAndNegativeOnlyNearTheClipLate() {
        double[] grid = new double[2001];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -1 + i / 1000.0;
        }
        for (int n : new int[] {9, 18}) {
            float[] g = EstimatorProbe.probe(Fda.fixed(0.1, n), grid).gradient();
            double peak = 4 * 0.1 * (n + 1) / Math.PI;
            for (int i = 0; i < g.length; i++) {
                assertTrue(Math.abs(g[i]) <= peak * (1 + 1e-6), "|G| <= G(0) at z=" + grid[i]);
                if (n == 9 || Math.abs(grid[i]) < 0.82) {
                    assertTrue(g[i] > 0, "G > 0 at z=" + grid[i] + ", n=" + n);
                }
            }
            assertEquals(peak, g[1000], 1e-6 * peak);
        }
    }

    @Test
    void optionsAreChecked() {
        EstimatorProbe.Values values = EstimatorProbe.probe("fda",
                EstimatorOptions.defaults().withExtra("omega", 0.5).withExtra("n_start", 2).withExtra("n_end", 4),
                Role.WEIGHTS, 0, POINTS);
        FormulaCheck.assertMatches(values, POINTS, z -> formula((float) z, 0.5, 2), "fda omega=0.5 n=2");
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.create(
                "fda", EstimatorOptions.defaults().withExtra("n_end", 9.5), Role.WEIGHTS));
        assertEquals("fda: option n_end must be a whole number, got 9.5", half.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.create(
                "fda", EstimatorOptions.defaults().withExtra("n_start", 20), Role.WEIGHTS));
        assertEquals("fda: need 0 <= n_start <= n_end, got n_start=20, n_end=18", order.getMessage());
        IllegalArgumentException omega = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.create(
                "fda", EstimatorOptions.defaults().withExtra("omega", 4), Role.WEIGHTS));
        assertEquals("fda: omega must be in (0, pi), got 4.0", omega.getMessage());
    }

    /** The formula as ReSTE's Table 3 states it: the sum itself, term by term. */
    static double formula(float z, double omega, int n) {
        if (Math.abs(z) > 1) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            sum += Math.cos((2 * i + 1) * omega * z);
        }
        return 4 * omega / Math.PI * sum;
    }
}
