package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every registered estimator, for both roles and at both ends of its schedule. */
class EstimatorRegistryTest {

    private static final double[] POINTS = FormulaCheck.symmetric(1e-6, 0.05, 0.5, 1, 1.5, 3, 200);

    @Test
    void namesIncludeTable3sEstimators() {
        assertTrue(EstimatorRegistry.names().containsAll(
                List.of("reste", "ste", "identity", "approxsign", "dsq", "ede", "fda", "rbnn")));
    }

    @Test
    void everyNameBuildsForBothRolesWithItsName() {
        for (String name : EstimatorRegistry.names()) {
            for (Role role : Role.values()) {
                Estimator estimator = EstimatorRegistry.create(name, EstimatorOptions.defaults(), role);
                assertEquals(name, estimator.name());
            }
        }
    }

    @Test
    void everyBinarizingEstimatorsForwardIsExactlySign() {
        for (String name : EstimatorRegistry.names()) {
            if (name.equals("identity")) {
                continue;
            }
            for (double fraction : new double[] {0, 0.5, 1}) {
                EstimatorProbe.Values values =
                        EstimatorProbe.probe(name, EstimatorOptions.defaults(), Role.ACTIVATIONS, fraction, POINTS);
                for (int i = 0; i < POINTS.length; i++) {
                    assertEquals(Math.signum((float) POINTS[i]), values.forward()[i], 0.0, name + " at " + POINTS[i]);
                    assertTrue(Float.isFinite(values.gradient()[i]), name + " G finite at " + POINTS[i]);
                }
            }
        }
    }

    @Test
    void schedulesReportTheirValue() {
        for (String name : List.of("reste", "ede", "fda", "rbnn")) {
            EstimatorProbe.Values start = EstimatorProbe.probe(name, EstimatorOptions.defaults(), Role.WEIGHTS, 0, POINTS);
            EstimatorProbe.Values end = EstimatorProbe.probe(name, EstimatorOptions.defaults(), Role.WEIGHTS, 1, POINTS);
            assertFalse(Double.isNaN(start.scheduleValue()), name);
            assertTrue(end.scheduleValue() > start.scheduleValue(), name + " grows");
        }
        assertThrows(IllegalArgumentException.class,
                () -> EstimatorProbe.probe("ede", EstimatorOptions.defaults(), Role.WEIGHTS, 1.5, POINTS));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EstimatorRegistry.create("nope", EstimatorOptions.defaults(), Role.WEIGHTS));
        assertTrue(error.getMessage().startsWith("unknown estimator 'nope'; known: reste, ste, identity"), error.getMessage());
    }
}
