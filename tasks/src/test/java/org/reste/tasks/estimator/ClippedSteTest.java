package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ClippedSteTest {

    @Test
    void gradientIsOneInsideUnitIntervalInclusive() {
        double[] points = {-2, Math.nextDown(-1f), -1, -0.3, 0, 0.3, 1, Math.nextUp(1f), 2};
        EstimatorProbe.Values values = EstimatorProbe.probe(new ClippedSte(), points);
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 0, 0}, values.gradient());
        assertArrayEquals(new float[] {-1, -1, -1, -1, 0, 1, 1, 1, 1}, values.forward());
    }

    @Test
    void registryBuildsEveryNamedEstimator() {
        for (String name : EstimatorRegistry.names()) {
            Estimator estimator = EstimatorRegistry.create(name, EstimatorOptions.defaults(), Role.WEIGHTS);
            org.junit.jupiter.api.Assertions.assertEquals(name, estimator.name());
        }
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EstimatorRegistry.create("nope", EstimatorOptions.defaults(), Role.WEIGHTS));
        org.junit.jupiter.api.Assertions.assertTrue(error.getMessage().contains("reste"), error.getMessage());
    }
}
