package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GradientRecording;

/**
 * Evaluates an estimator the way a layer does, through {@link Estimator#binarize} and real
 * autograd, so what it prints or plots is what training uses rather than a copy of a formula.
 */
public final class EstimatorProbe {

    /**
     * The epochs a schedule is divided into when it is probed at a fraction of training: fine
     * enough that fraction f means progress e/E = f to within 1e-6.
     */
    static final int FRACTION_EPOCHS = 1_000_000;

    /**
     * sign(z) and dL/dz for L = sum(out), at each point, and the estimator's
     * {@link Estimator#scheduleValue} (NaN when it has no schedule).
     */
    public record Values(float[] forward, float[] gradient, double scheduleValue) {}

    private EstimatorProbe() {}

    /**
     * Probes {@code name} at the end of its schedule with o (or its schedule's end value) set to
     * {@code o}, in float32.
     */
    public static Values probe(String name, double o, double[] points) {
        return probe(name, EstimatorOptions.defaults().withOEnd(o), Role.WEIGHTS, 1.0, points);
    }

    /**
     * Probes {@code name}, built from {@code options} for {@code role}, with its schedule at
     * {@code epochFraction} of training (0: the first epoch, 1: the schedule's end value).
     */
    public static Values probe(String name, EstimatorOptions options, Role role, double epochFraction, double[] points) {
        Estimator estimator = EstimatorRegistry.create(name, options, role);
        atFraction(estimator, epochFraction);
        return probe(estimator, points);
    }

    /** Moves {@code estimator}'s schedule to {@code fraction} (in [0, 1]) of training. */
    public static void atFraction(Estimator estimator, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("epoch fraction must be in [0, 1], got " + fraction);
        }
        estimator.onEpoch((int) Math.round(fraction * FRACTION_EPOCHS), FRACTION_EPOCHS);
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
            try (GradientRecording collector = GradientRecording.start()) {
                NDArray out = estimator.binarize(input);
                forward = out.toFloatArray();
                collector.backward(out.sum());
            }
            return new Values(forward, input.getGradient().toFloatArray(), estimator.scheduleValue());
        }
    }
}
