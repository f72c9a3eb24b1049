package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ReSTE's gradients against values the paper's official PyTorch code (its Binary_ReSTE autograd
 * function, float32, t = 1.5) produced on this machine with Debian's torch 1.13.
 */
class ReSTEOfficialGoldenTest {

    private static final float[] POINTS = {-2.0f, -1.5f, -1.2000000476837158f, -0.5f, -0.10000000149011612f, -0.05000000074505806f, 0.0f, 0.05000000074505806f, 0.10000000149011612f, 0.30000001192092896f, 1.0f, 1.5f, 1.5000009536743164f, 2.0f};
    private static final Map<Double, float[]> GOLDEN = new LinkedHashMap<>();

    static {
        GOLDEN.put(1.0, new float[] {0.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f, 0.0f});
        GOLDEN.put(1.5, new float[] {0.0f, 0.5823869705200195f, 0.6273573637008667f, 0.8399474024772644f, 2.1544346809387207f, 2.1544346809387207f, 2.1544346809387207f, 2.1544346809387207f, 2.1544346809387207f, 0.9958677291870117f, 0.6666666865348816f, 0.5823869705200195f, 0.0f, 0.0f});
        GOLDEN.put(2.0, new float[] {0.0f, 0.40824830532073975f, 0.4564354419708252f, 0.7071067690849304f, 3.1622776985168457f, 3.1622776985168457f, 3.1622776985168457f, 3.1622776985168457f, 3.1622776985168457f, 0.9128708839416504f, 0.5f, 0.40824830532073975f, 0.0f, 0.0f});
        GOLDEN.put(3.0, new float[] {0.0f, 0.2543809413909912f, 0.2951829433441162f, 0.529133677482605f, 4.6415886878967285f, 4.6415886878967285f, 4.6415886878967285f, 4.6415886878967285f, 4.6415886878967285f, 0.7438144087791443f, 0.3333333432674408f, 0.2543809413909912f, 0.0f, 0.0f});
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.5, 2.0, 3.0})
    void matchesTheOfficialImplementation(double o) {
        double[] points = new double[POINTS.length];
        for (int i = 0; i < points.length; i++) {
            points[i] = POINTS[i];
        }
        EstimatorProbe.Values values = EstimatorProbe.probe(ReSTE.fixed(o), points);
        assertArrayEquals(GOLDEN.get(o), values.gradient(), 1e-5f, "o = " + o);
    }
}
