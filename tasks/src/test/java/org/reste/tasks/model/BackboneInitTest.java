package org.reste.tasks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;

/** The official initialisations, checked on the statistics of the initialised weights. */
class BackboneInitTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure();
    }

    @Test
    void vggSmallConvsAreHeNormalOverFanOutAndItsClassifierIsNarrow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = initialized(manager, "vgg_small", "1/1", 10, 32);
            NDArray stem = firstWeight(net);
            assertStd(Math.sqrt(2.0 / (9 * 128)), stem);
            assertStd(Math.sqrt(2.0 / (9 * 512)), net.binaryConvs().get(4).conv().latentWeight().getArray());
            assertStd(0.01, parameter(net, "Linear_weight"));
            assertEquals(0f, parameter(net, "Linear_bias").abs().max().getFloat());
        }
    }

    @Test
    void resNet18CifarKeepsTorchDefaults() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = initialized(manager, "resnet18", "1/32", 10, 32);
            assertUniform(1 / Math.sqrt(3 * 9), firstWeight(net));
            assertUniform(1 / Math.sqrt(256 * 9), net.binaryConvs().get(12).conv().latentWeight().getArray());
            assertUniform(1 / Math.sqrt(512), parameter(net, "Linear_weight"));
            NDArray bias = parameter(net, "Linear_bias");
            assertTrue(bias.abs().max().getFloat() <= 1 / Math.sqrt(512) && bias.abs().max().getFloat() > 0);
        }
    }

    @Test
    void imageNetResNetConvsAreHeNormalOverFanIn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Network net = initialized(manager, "resnet18_imagenet", "1/1", 1000, 64);
            assertStd(Math.sqrt(2.0 / (3 * 49)), firstWeight(net));
            assertStd(Math.sqrt(2.0 / (512 * 9)), net.binaryConvs().get(15).conv().latentWeight().getArray());
            assertUniform(1 / Math.sqrt(512), parameter(net, "Linear_weight"));
        }
    }

    private static Network initialized(NDManager manager, String name, String wa, int classes, int size) {
        Bits bits = Bits.parse(wa);
        Network net = Backbones.build(name, bits, Estimators.of("reste", EstimatorOptions.defaults(), bits), classes);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
        return net;
    }

    private static NDArray firstWeight(Network net) {
        return net.block().getParameters().get(0).getValue().getArray();
    }

    private static NDArray parameter(Network net, String suffix) {
        for (Pair<String, Parameter> pair : net.block().getParameters()) {
            if (pair.getKey().endsWith(suffix)) {
                return pair.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter ending in " + suffix);
    }

    /** Mean near 0 and standard deviation within 10% of {@code std}. */
    private static void assertStd(double std, NDArray weight) {
        double actualMean = weight.mean().getFloat();
        double actualStd = Math.sqrt(weight.sub(actualMean).square().mean().getFloat());
        assertEquals(std, actualStd, 0.1 * std, "std of " + weight.getShape());
        assertEquals(0, actualMean, 0.1 * std, "mean of " + weight.getShape());
    }

    /** U(-bound, bound): nothing beyond the bound, and the uniform's std bound/sqrt(3). */
    private static void assertUniform(double bound, NDArray weight) {
        assertTrue(weight.abs().max().getFloat() <= bound * (1 + 1e-6), "within the bound");
        assertStd(bound / Math.sqrt(3), weight);
    }
}
