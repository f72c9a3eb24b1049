package org.reste.tasks.nn;

import java.util.List;
import org.reste.tasks.estimator.Estimator;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.estimator.EstimatorRegistry;
import org.reste.tasks.estimator.FullPrecision;
import org.reste.tasks.estimator.Role;

/**
 * The two estimators a network's binarized layers share: one for weights, one for activations
 * (full precision for 1W/32A). Shared instances mean one {@link #onEpoch} call moves every
 * layer's schedule.
 */
public record Estimators(Estimator weights, Estimator activations, boolean scaleAfterConv) {

    /**
     * With the official order: the layer scale multiplies the weight signs before the conv.
     * ({@code scaleAfterConv}: see {@link BinaryConv2d}; only the parity harness sets it.)
     */
    public Estimators(Estimator weights, Estimator activations) {
        this(weights, activations, false);
    }

    /** The same estimators, with the binarized convs scaling their outputs instead of their weights. */
    public Estimators withScaleAfterConv() {
        return new Estimators(weights, activations, true);
    }

    /** The pair for {@code name} at bit widths {@code bits}. */
    public static Estimators of(String name, EstimatorOptions options, Bits bits) {
        Estimator weights = EstimatorRegistry.create(name, options, Role.WEIGHTS);
        Estimator activations =
                bits.binaryActivations()
                        ? EstimatorRegistry.create(name, options, Role.ACTIVATIONS)
                        : new FullPrecision();
        return new Estimators(weights, activations);
    }

    public void onEpoch(int epoch, int totalEpochs) {
        for (Estimator estimator : List.of(weights, activations)) {
            estimator.onEpoch(epoch, totalEpochs);
        }
    }
}
