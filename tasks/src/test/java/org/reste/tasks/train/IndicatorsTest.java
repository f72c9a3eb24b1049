package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GradientRecording;
import org.reste.tasks.estimator.ReSTE;
import org.reste.tasks.nn.BinaryConv2d;
import org.reste.tasks.nn.NamedConv;

/** The two indicators against a plain-Java computation from the same weight and gradient. */
class IndicatorsTest {

    @Test
    void matchesDefinitionsOnOneConv() {
        EngineSetup.configure();
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            BinaryConv2d conv = new BinaryConv2d(2, 3, 3, 1, 1, ReSTE.fixed(2), ReSTE.fixed(2));
            conv.initialize(manager, DataType.FLOAT32, new Shape(4, 2, 5, 5));
            NDArray x = manager.randomNormal(new Shape(4, 2, 5, 5));
            try (GradientRecording collector = GradientRecording.start()) {
                NDArray y = conv.forward(new ParameterStore(manager, false), new NDList(x), true).head();
                collector.backward(y.mul(y).mean());
            }
            Indicators indicators = new Indicators(List.of(new NamedConv("c", conv)), 3.0);
            indicators.accumulate();
            indicators.accumulate();
            IndicatorValues values = indicators.drain();

            float[] w = conv.latentWeight().getArray().toFloatArray();
            float[] g = conv.latentWeight().getArray().getGradient().toFloatArray();
            double error = 0;
            double mean = 0;
            for (int i = 0; i < w.length; i++) {
                double f = Math.signum(w[i]) * Math.pow(Math.abs(w[i]), 1 / 3.0);
                error += (f - Math.signum(w[i])) * (f - Math.signum(w[i]));
                mean += Math.abs(g[i]) / g.length;
            }
            double variance = 0;
            for (float gi : g) {
                variance += (Math.abs(gi) - mean) * (Math.abs(gi) - mean) / (g.length - 1);
            }
            assertEquals(Math.sqrt(error), values.estimatingError(), 1e-4);
            assertEquals(variance, values.gradientInstability(), 1e-6 * Math.max(1, variance));
            assertEquals(values.estimatingError(), values.estimatingErrorPerLayer().get("c"), 0.0);
        }
    }
}
