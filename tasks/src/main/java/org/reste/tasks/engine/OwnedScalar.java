package org.reste.tasks.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A scalar tensor whose memory libtorch owns, for arithmetic inside a recorded forward.
 *
 * <p>DJL's {@code x.mul(2)}, {@code x.div(2)}, {@code x.pow(-1)} (any op with a Java number)
 * wrap the number in a tensor over a Java direct buffer and close it right after the op. Where
 * autograd saves that operand for the backward (mul, div and pow do), it keeps a tensor over the
 * buffer, and once the garbage collector frees the buffer the backward reads whatever lies
 * there: wrong gradients after any GC between forward and backward (seen in tests: ~1 step in
 * 3,000, and nearly every step with a forced GC). Torch-made scalars live as long as autograd
 * needs them. Numbers are safe where autograd saves nothing (add, sub, clip) or nothing records.
 */
public final class OwnedScalar {

    private OwnedScalar() {}

    /** {@code value} as a 0-dimensional tensor of {@code like}'s dtype and device, on its manager. */
    public static NDArray like(NDArray like, double value) {
        PtNDArray tensor = (PtNDArray) like;
        return JniUtils.full(tensor.getManager(), new Shape(), value, like.getDataType(), like.getDevice(), SparseFormat.DENSE);
    }
}
