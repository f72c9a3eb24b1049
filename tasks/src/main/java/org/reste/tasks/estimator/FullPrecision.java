package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;

/** No binarization: forward z, backward 1. Used for the 32-bit side of 1W/32A and FP twins. */
public final class FullPrecision implements Estimator {

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public NDArray binarize(NDArray z) {
        return z;
    }

    @Override
    public NDArray gradient(NDArray z) {
        return z.onesLike();
    }
}
