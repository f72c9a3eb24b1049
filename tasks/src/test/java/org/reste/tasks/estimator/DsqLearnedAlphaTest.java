package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GradientRecording;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.model.Network;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;

/** DSQ with alpha learned per layer: z gets DSQ's backward at the layer's alpha, alpha its own gradient. */
class DsqLearnedAlphaTest {

    /** Not symmetric: dphi/dalpha is odd in z, so a symmetric set would sum to zero. */
    private static final float[] POINTS = {-0.7f, -0.05f, 1e-6f, 0.3f, 0.5f, 0.9f, 1f, Math.nextUp(1f), 1.5f};

    private static final EstimatorOptions LEARNED = EstimatorOptions.defaults().withExtra("learn_alpha", 1);

    @BeforeAll
    static void engine() {
        EngineSetup.configure();
    }

    @Test
    void theRegistryGivesALayerScalarStartingAtTheAlphaOption() {
        LayerScalarEstimator learned = assertInstanceOf(LayerScalarEstimator.class,
                EstimatorRegistry.create("dsq", LEARNED, Role.WEIGHTS));
        assertEquals("alpha", learned.scalarName());
        assertEquals(0.2, learned.initialScalar());
        assertEquals(0.5, ((LayerScalarEstimator) EstimatorRegistry.create("dsq", LEARNED.withExtra("alpha", 0.5),
                Role.ACTIVATIONS)).initialScalar());
        assertInstanceOf(Dsq.class, EstimatorRegistry.create("dsq", EstimatorOptions.defaults(), Role.WEIGHTS));
    }

    /** With a garbage collection between forward and backward too (DJL's number operands, see OwnedScalar). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void zGetsDsqsBackwardAtTheLayersAlphaAndAlphaGetsDphiDalpha(boolean collectGarbage) {
        LayerScalarEstimator learned = (LayerScalarEstimator) EstimatorRegistry.create("dsq", LEARNED, Role.WEIGHTS);
        double alpha = 0.35;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray z = manager.create(POINTS);
            z.setRequiresGradient(true);
            NDArray a = manager.create(new float[] {(float) alpha});
            a.setRequiresGradient(true);
            float[] forward;
            try (GradientRecording collector = GradientRecording.start()) {
                NDArray out = learned.binarize(z, a);
                forward = out.toFloatArray();
                if (collectGarbage) {
                    CollectGarbage.now();
                }
                collector.backward(out.sum());
            }
            float[] dz = z.getGradient().toFloatArray();
            double expectedDalpha = 0;
            for (int i = 0; i < POINTS.length; i++) {
                assertEquals(Math.signum(POINTS[i]), forward[i], "forward is sign at " + POINTS[i]);
                double g = DsqTest.formula(POINTS[i], alpha);
                assertEquals(g, dz[i], 1e-5 * Math.max(1, g), "dL/dz at " + POINTS[i]);
                if (Math.abs(POINTS[i]) <= 1) {
                    expectedDalpha += dPhiDalpha(POINTS[i], alpha);
                }
            }
            assertEquals(expectedDalpha, a.getGradient().getFloat(), 1e-4 * Math.max(1, Math.abs(expectedDalpha)));
        }
    }

    @Test
    void withoutALayerItIsDsqAtItsInitialAlpha() {
        double[] points = {-1.5, -0.3, 0.05, 0.7, 1, 2};
        FormulaCheck.assertMatches(EstimatorProbe.probe("dsq", LEARNED, Role.WEIGHTS, 1, points), points,
                z -> DsqTest.formula((float) z, 0.2), "dsq learn_alpha=1 probed without a layer");
    }

    @Test
    void everyBinarizedConvLearnsItsOwnAlphaForWeightsAndInputs() {
        Bits bits = Bits.parse("1/1");
        Network network = Backbones.build("resnet20", bits, Estimators.of("dsq", LEARNED, bits), 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            // 18 binarized convs, each with weight_alpha and input_alpha.
            assertEquals(269_850 + 2 * 18, network.parameterCount());
            List<Parameter> alphas = network.block().getParameters().stream().map(Pair::getValue)
                    .filter(p -> p.getName().endsWith("_alpha")).toList();
            assertEquals(36, alphas.size());
            ParameterStore store = new ParameterStore(manager, false);
            try (GradientRecording collector = GradientRecording.start()) {
                NDArray out = network.block().forward(store, new NDList(manager.randomNormal(new Shape(4, 3, 32, 32))), true)
                        .singletonOrThrow();
                collector.backward(out.square().sum());
            }
            for (Parameter alpha : alphas) {
                assertEquals(0.2f, alpha.getArray().getFloat(), 1e-7);
                float gradient = alpha.getArray().getGradient().getFloat();
                assertTrue(Float.isFinite(gradient), alpha.getName());
                assertNotEquals(0f, gradient, alpha.getName() + " gets a gradient");
            }
        }
    }

    /** d/dalpha of s tanh(k z), k = ln(2/alpha - 1)/2, s = 1/(1 - alpha). */
    private static double dPhiDalpha(double z, double alpha) {
        double k = Math.log(2 / alpha - 1) / 2;
        double s = 1 / (1 - alpha);
        double dk = -1 / (alpha * (2 - alpha));
        double ds = 1 / ((1 - alpha) * (1 - alpha));
        double tanh = Math.tanh(k * z);
        return ds * tanh + s * (1 - tanh * tanh) * z * dk;
    }
}
