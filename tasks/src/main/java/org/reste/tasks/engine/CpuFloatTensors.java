package org.reste.tasks.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Zero-copy access to CPU float32 tensors for the kernels written in Java: the tensor's own
 * memory as a native-order buffer, and new tensors to write into. Everything else (GPU, float64,
 * tensors past one buffer's 2 GiB) is not eligible and stays with libtorch's ops.
 */
public final class CpuFloatTensors {

    private CpuFloatTensors() {}

    /** Whether {@code x} is a CPU float32 libtorch tensor one buffer can hold. */
    public static boolean eligible(NDArray x) {
        return x instanceof PtNDArray
                && x.getDataType() == DataType.FLOAT32
                && Device.cpu().equals(x.getDevice())
                && x.size() <= Integer.MAX_VALUE / Float.BYTES;
    }

    /** An eligible tensor's memory, made contiguous first where it is not (a copy on its manager). */
    public static ByteBuffer memory(NDArray x) {
        return JniUtils.getByteBuffer((PtNDArray) x, true).order(ByteOrder.nativeOrder());
    }

    /** A new, uninitialised CPU float32 tensor of {@code shape} on {@code like}'s manager. */
    public static NDArray empty(NDArray like, Shape shape) {
        return JniUtils.createEmptyNdArray(
                ((PtNDArray) like).getManager(), shape, DataType.FLOAT32, Device.cpu(), SparseFormat.DENSE);
    }
}
