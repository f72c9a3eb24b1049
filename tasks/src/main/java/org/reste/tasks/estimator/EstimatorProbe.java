package org.reste.tasks.estimator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.reste.tasks.engine.EngineSetup;

/**
 * Evaluates an estimator the way a layer does, through {@link Estimator#binarize} and real
 * autograd, so what it prints or plots is what training uses rather than a copy of a formula.
 */
public final class EstimatorProbe {

    /** sign(z) and dL/dz for L = sum(out), at each point. */
    public record Values(float[] forward, float[] gradient) {}

    private EstimatorProbe() {}

    /**
     * Probes {@code name} at the end of its schedule with o (or its schedule's end value) set to
     * {@code o}, in float32.
     */
    public static Values probe(String name, double o, double[] points) {
        Estimator estimator = EstimatorRegistry.create(name, EstimatorOptions.defaults().withOEnd(o), Role.WEIGHTS);
        estimator.onEpoch(1, 1);
        return probe(estimator, points);
    }

    public static Values probe(Estimator estimator, double[] points) {
        EngineSetup.configure();
        float[] z = new float[points.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) points[i];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.create(z).toType(DataType.FLOAT32, false);
            input.setRequiresGradient(true);
            float[] forward;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = estimator.binarize(input);
                forward = out.toFloatArray();
                collector.backward(out.sum());
            }
            return new Values(forward, input.getGradient().toFloatArray());
        }
    }
}
