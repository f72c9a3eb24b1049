package org.reste.tasks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.nn.NamedConv;

/**
 * Every registered backbone at 1/1, 1/32 and 32/32: the official parameter count (the count of
 * the official PyTorch model, trainable parameters only), the number of binarized convs, and the
 * logits' shape on a small batch.
 */
class BackbonesTest {

    /** One backbone: the official count, binarized convs, the size it is counted at and run at. */
    record Spec(String name, int classes, long parameters, int binaryConvs, int countSize, int runSize) {}

    static final List<Spec> SPECS = List.of(
            new Spec("resnet20", 10, 269_850, 18, 32, 32),
            new Spec("resnet20_bireal", 10, 269_850, 18, 32, 32),
            new Spec("resnet18", 10, 11_174_986, 16, 32, 32),
            new Spec("vgg_small", 10, 4_660_106, 5, 32, 32),
            // counted at the official 224x224 without running there; run on 64x64
            new Spec("resnet18_imagenet", 1000, 11_690_536, 16, 224, 64),
            new Spec("resnet34_imagenet", 1000, 21_798_696, 32, 224, 64),
            // not a paper backbone (plumbing tests): its count is ours, 216 + 16 + 576 + 16 + 90
            new Spec("tiny", 10, 914, 1, 32, 32));

    static Stream<Arguments> everyBackboneAndBits() {
        List<Arguments> cases = new ArrayList<>();
        for (Spec spec : SPECS) {
            for (String wa : List.of("1/1", "1/32", "32/32")) {
                cases.add(Arguments.of(spec.name(), wa));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void engine() {
        EngineSetup.configure();
    }

    static Network build(String name, Bits bits, int classes) {
        return Backbones.build(name, bits, Estimators.of("reste", EstimatorOptions.defaults(), bits), classes);
    }

    static Spec spec(String name) {
        return SPECS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyBackboneIsRegisteredAndTested() {
        assertEquals(SPECS.stream().map(Spec::name).toList(), List.copyOf(Backbones.names()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyBackboneAndBits")
    void hasTheOfficialParameterCount(String name, String wa) {
        Spec spec = spec(name);
        Bits bits = Bits.parse(wa);
        Network network = build(name, bits, spec.classes());
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, spec.countSize(), spec.countSize()));
            assertEquals(spec.parameters(), network.parameterCount());
            assertEquals(name, network.backbone());
            assertEquals(bits.fullPrecision() ? 0 : spec.binaryConvs(), network.binaryConvs().size());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyBackboneAndBits")
    void mapsABatchToOneLogitPerClass(String name, String wa) {
        Spec spec = spec(name);
        Network network = build(name, Bits.parse(wa), spec.classes());
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, spec.runSize(), spec.runSize()));
            NDArray x = manager.randomNormal(new Shape(2, 3, spec.runSize(), spec.runSize()));
            ParameterStore store = new ParameterStore(manager, false);
            for (boolean training : new boolean[] {true, false}) {
                NDArray out = network.block().forward(store, new NDList(x), training).singletonOrThrow();
                assertEquals(new Shape(2, spec.classes()), out.getShape());
                assertTrue(Float.isFinite(out.sum().getFloat()), "finite logits");
            }
        }
    }

    @Test
    void binarizedConvsCarryTheOfficialParameterNames() {
        Bits bits = Bits.parse("1/1");
        assertEquals(List.of("conv1", "conv2", "conv3", "conv4", "conv5"), names(build("vgg_small", bits, 10)));
        List<String> resnet18 = names(build("resnet18", bits, 10));
        assertEquals("layer1.0.conv1", resnet18.get(0));
        assertEquals("layer4.1.conv2", resnet18.get(15));
        List<String> resnet34 = names(build("resnet34_imagenet", bits, 1000));
        assertEquals("layer3.5.conv2", resnet34.get(2 * (3 + 4 + 6) - 1));
        assertEquals("layer4.2.conv2", resnet34.get(31));
        assertEquals("layer3.2.conv1", names(build("resnet20_bireal", bits, 10)).get(16));
    }

    private static List<String> names(Network network) {
        return network.binaryConvs().stream().map(NamedConv::name).toList();
    }
}
