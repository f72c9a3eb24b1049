package org.reste.tasks.engine;

import ai.djl.ndarray.NDArray;
import java.nio.ByteBuffer;
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
        if (!CpuFloatTensors.eligible(z)) {
            return null;
        }
        int size = Math.toIntExact(z.size());
        ByteBuffer in = CpuFloatTensors.memory(z);
        NDArray sign = CpuFloatTensors.empty(z, z.getShape());
        NDArray gradient = CpuFloatTensors.empty(z, z.getShape());
        ByteBuffer signs = CpuFloatTensors.memory(sign);
        ByteBuffer gradients = CpuFloatTensors.memory(gradient);
        ParallelRanges.run(size, alignment(), MIN_ELEMENTS_PER_THREAD, "an estimator's vector kernel",
                (from, to) -> fill(in, signs, gradients, from, to));
        return new NDArray[] {sign, gradient};
    }
}
