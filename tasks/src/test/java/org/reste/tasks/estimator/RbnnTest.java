package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * RBNN's training-aware approximation: weights G = max(0, k(sqrt(2) t - t^2 |z|)) with
 * k = max(1/t, 1); activations k = 1 and t = max(t, 1); t log-linear from 1e-2 to 10.
 */
class RbnnTest {

    /** Covers both ends' zero crossings: sqrt(2)/t = 141.4 (t = 0.01), 1.414 (t = 1), 0.1414 (t = 10). */
    private static final double[] POINTS = FormulaCheck.symmetric(
            1e-6, 0.05, 0.1, 0.14, 0.1415, 0.5, 1, 1.4, 1.42, 3, 100, 141, 142, 500);

    @Test
    void weightsAtStartAndEnd() {
        EstimatorProbe.Values start = EstimatorProbe.probe("rbnn", EstimatorOptions.defaults(), Role.WEIGHTS, 0, POINTS);
        assertEquals(0.01, start.scheduleValue(), 1e-15);
        FormulaCheck.assertMatches(start, POINTS, z -> formula((float) z, 0.01, Role.WEIGHTS), "rbnn weights start");
        EstimatorProbe.Values end = EstimatorProbe.probe("rbnn", EstimatorOptions.defaults(), Role.WEIGHTS, 1, POINTS);
        assertEquals(10, end.scheduleValue(), 1e-9);
        FormulaCheck.assertMatches(end, POINTS, z -> formula((float) z, 10, Role.WEIGHTS), "rbnn weights end");
    }

    @Test
    void activationsUseKOneAndTAtLeastOne() {
        EstimatorProbe.Values start =
                EstimatorProbe.probe("rbnn", EstimatorOptions.defaults(), Role.ACTIVATIONS, 0, POINTS);
        assertEquals(1.0, start.scheduleValue(), 0.0);
        FormulaCheck.assertMatches(start, POINTS, z -> formula((float) z, 0.01, Role.ACTIVATIONS), "rbnn acts start");
        EstimatorProbe.Values end = EstimatorProbe.probe("rbnn", EstimatorOptions.defaults(), Role.ACTIVATIONS, 1, POINTS);
        FormulaCheck.assertMatches(end, POINTS, z -> formula((float) z, 10, Role.ACTIVATIONS), "rbnn acts end");
    }

    @Test
    void optionsMoveTheSchedule() {
        EstimatorOptions options = EstimatorOptions.defaults().withExtra("tmin", 0.5).withExtra("tmax", 2);
        Rbnn weights = (Rbnn) EstimatorRegistry.create("rbnn", options, Role.WEIGHTS);
        weights.onEpoch(0, 10);
        assertEquals(0.5, weights.t(), 1e-15);
        assertEquals(2.0, weights.k(), 1e-15);
        weights.onEpoch(5, 10);
        assertEquals(1.0, weights.t(), 1e-12);
        FormulaCheck.assertMatches(EstimatorProbe.probe(weights, POINTS), POINTS,
                z -> formula((float) z, 1.0, Role.WEIGHTS), "rbnn weights t=1");
    }

    /** RBNN's backward at scheduled temperature t for a role. */
    static double formula(float z, double t, Role role) {
        double k = Math.max(1 / t, 1);
        if (role == Role.ACTIVATIONS) {
            t = Math.max(t, 1);
            k = 1;
        }
        return Math.max(0, k * (Math.sqrt(2) * t - t * t * Math.abs(z)));
    }
}
