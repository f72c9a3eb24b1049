package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;

/** Scalar constants created in the tensor's own dtype, so comparisons round as torch's do. */
final class Scalars {

    private Scalars() {}

    /** A 0-d tensor holding {@code value} in {@code like}'s dtype, on its manager and device. */
    static NDArray like(NDArray like, double value) {
        return like.getManager().create(value).toType(like.getDataType(), false);
    }
}
