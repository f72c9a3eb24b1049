package org.reste.tasks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;

class ResNet20Test {

    @ParameterizedTest
    @ValueSource(strings = {"1/1", "1/32", "32/32"})
    void hasTheOfficialParameterCountAndShapes(String wa) {
        EngineSetup.configure();
        Bits bits = Bits.parse(wa);
        Network network = Backbones.build("resnet20", bits, Estimators.of("reste", EstimatorOptions.defaults(), bits), 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertEquals(269_850, network.parameterCount());
            assertEquals(bits.fullPrecision() ? 0 : 18, network.binaryConvs().size());
            NDArray x = manager.randomNormal(new Shape(4, 3, 32, 32));
            NDArray out = network.block().forward(new ParameterStore(manager, false), new NDList(x), false).head();
            assertEquals(new Shape(4, 10), out.getShape());
        }
    }
}
