package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;

/**
 * A gradient estimator for the sign function: the forward is always {@code sign(z)} (torch.sign,
 * so sign(0) = 0) and only the backward differs between estimators. A binarized layer holds one
 * estimator for its weights and one for its activations.
 *
 * <p>Estimators with a schedule (ReSTE's progressive power o, EDE's t, ...) are told the epoch by
 * {@link #onEpoch}; everything else about them is fixed at construction.
 */
public interface Estimator {

    /** The registry name a config uses, e.g. {@code "reste"}. */
    String name();

    /**
     * Returns {@code sign(z)} whose backward is {@code dL/dz = dL/dout * G(z)}. Outside a
     * gradient collector (evaluation) this is just the sign.
     */
    NDArray binarize(NDArray z);

    /** The backward G(z), elementwise, as a plain tensor (no autograd). */
    NDArray gradient(NDArray z);

    /** Moves the estimator's schedule to epoch {@code epoch} (0-based) of {@code totalEpochs}. */
    default void onEpoch(int epoch, int totalEpochs) {}

    /** The schedule's current value for run records, e.g. ReSTE's o; NaN when it has none. */
    default double scheduleValue() {
        return Double.NaN;
    }
}
