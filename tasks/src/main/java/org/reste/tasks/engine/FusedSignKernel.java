package org.reste.tasks.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sign(z) and an estimator's G(z) in one pass over a CPU float32 tensor, written by Java
 * straight into two new tensors' memory. The same result from libtorch's elementwise ops takes
 * one pass per op (9 for STE and o = 1, 15 for ReSTE at o > 1), and at the paper's batch those
 * passes were half of a training step on the CPU. A subclass writes only the loop
 * ({@link #fill}), with the JDK's vector API ({@code jdk.incubator.vector}).
 *
 * <p>The vector API is an incubator module: the JVM must be started with
 * {@code --add-modules jdk.incubator.vector} (the {@code reste} launcher, the tests and the
 * container images do). Without it, or with {@code -Dreste.vectorKernels=false},
 * {@link #create} returns null and the estimators keep libtorch's ops: same values within
 * an ulp of the power, slower. GPUs and float64 (the parity harness) always use libtorch's ops.
 */
public abstract class FusedSignKernel {

    private static final Logger LOG = LoggerFactory.getLogger(FusedSignKernel.class);
    private static final String MODULE = "jdk.incubator.vector";
    /** Below this many elements a second thread costs more than it saves. */
    private static final int MIN_ELEMENTS_PER_THREAD = 1 << 16;
    private static final boolean AVAILABLE = checkAvailable();

    /**
     * Fills {@code sign} and {@code gradient} (native-order float32) for elements
     * {@code [from, to)} of {@code z}. Called from several threads on disjoint ranges; {@code from}
     * is a multiple of {@link #alignment()}.
     */
    protected abstract void fill(ByteBuffer z, ByteBuffer sign, ByteBuffer gradient, int from, int to);

    /** Ranges handed to {@link #fill} start at multiples of this (the vector length). */
    protected abstract int alignment();

    /** Whether the vector kernels are on in this JVM. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** The kernel {@code maker} builds, or null where the vector API is off in this JVM. */
    public static <K extends FusedSignKernel> K create(Supplier<K> maker) {
        if (!AVAILABLE) {
            return null;
        }
        try {
            return maker.get();
        } catch (LinkageError e) {
            // The module check passed but the classes do not link: keep libtorch's ops.
            LOG.warn("vector kernels off: {}", e.toString());
            return null;
        }
    }

    private static boolean checkAvailable() {
        if (!Boolean.parseBoolean(System.getProperty("reste.vectorKernels", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            LOG.info("vector kernels off (slower estimators on the CPU): start Java with --add-modules {}", MODULE);
            return false;
        }
        return true;
    }

    /**
     * {sign(z), G(z)} as new tensors on z's manager, or null where this kernel does not apply
     * (not a CPU float32 tensor, or too large for one buffer); the caller then uses libtorch.
     */
    public final NDArray[] signAndGradient(NDArray z) {
        if (!(z instanceof PtNDArray tensor)
                || z.getDataType() != DataType.FLOAT32
                || !Device.cpu().equals(z.getDevice())
                || z.size() > Integer.MAX_VALUE / Float.BYTES) {
            return null;
        }
        int size = Math.toIntExact(z.size());
        // Made contiguous first where it is not (a copy on z's manager).
        ByteBuffer in = JniUtils.getByteBuffer(tensor, true);
        PtNDArray sign = JniUtils.createEmptyNdArray(tensor.getManager(), z.getShape(), DataType.FLOAT32, Device.cpu(), SparseFormat.DENSE);
        PtNDArray gradient = JniUtils.createEmptyNdArray(tensor.getManager(), z.getShape(), DataType.FLOAT32, Device.cpu(), SparseFormat.DENSE);
        fillInParallel(in, JniUtils.getByteBuffer(sign, true), JniUtils.getByteBuffer(gradient, true), size);
        return new NDArray[] {sign, gradient};
    }

    /** Splits the elements between as many threads as libtorch uses in this thread. */
    private void fillInParallel(ByteBuffer z, ByteBuffer sign, ByteBuffer gradient, int size) {
        int threads = Math.min(EngineSetup.threadsInThisThread(), Math.max(1, size / MIN_ELEMENTS_PER_THREAD));
        if (threads <= 1) {
            fill(z, sign, gradient, 0, size);
            return;
        }
        int chunk = roundUp(ceilDiv(size, threads), alignment());
        List<Future<?>> helpers = new ArrayList<>();
        for (int from = chunk; from < size; from += chunk) {
            int start = from;
            int end = Math.min(size, from + chunk);
            helpers.add(ForkJoinPool.commonPool().submit(() -> fill(z, sign, gradient, start, end)));
        }
        fill(z, sign, gradient, 0, Math.min(size, chunk));
        for (Future<?> helper : helpers) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing an estimator's gradient", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("an estimator's vector kernel failed", e.getCause());
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int multiple) {
        return ceilDiv(a, multiple) * multiple;
    }
}
