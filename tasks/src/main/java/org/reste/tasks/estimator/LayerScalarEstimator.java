package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;

/**
 * An estimator with a scalar that every binarized layer learns for itself (DSQ's alpha with
 * {@code learn_alpha=1}). The layer holds the scalar as a trainable one-element parameter,
 * starting at {@link #initialScalar()}, and hands it to {@link #binarize(NDArray, NDArray)}; the
 * optimizer updates it like any weight. Without a layer ({@link #binarize(NDArray)}: probes,
 * plots) the estimator behaves as at its initial scalar.
 */
public interface LayerScalarEstimator extends Estimator {

    /** The parameter's name within a layer, e.g. {@code "alpha"}. */
    String scalarName();

    double initialScalar();

    /** {@code sign(z)}; the backward reaches both {@code z} and the layer's {@code scalar}. */
    NDArray binarize(NDArray z, NDArray scalar);
}
