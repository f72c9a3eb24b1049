package org.reste.tasks.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configures DJL's PyTorch engine once, before it loads: offline (never fetch a libtorch), one
 * inter-op thread (measured faster than DJL's default of 2 for these conv stacks) and the given
 * number of intra-op threads.
 */
public final class EngineSetup {

    private static boolean configured;

    private EngineSetup() {}

    /** Threads default to the machine's cores; call before the first NDArray is made. */
    public static synchronized Engine configure(int intraOpThreads) {
        if (!configured) {
            System.setProperty("ai.djl.offline", "true");
            setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
            int threads = intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
            setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads));
            setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
            configured = true;
        }
        return Engine.getEngine("PyTorch");
    }

    public static Engine configure() {
        return configure(0);
    }

    /** The device for "cpu" or "gpu"; a GPU that cannot be used is one error naming what was found and wanted. */
    public static Device device(String name) {
        switch (name.toLowerCase()) {
            case "cpu":
                configure();
                return Device.cpu();
            case "gpu":
                prepareGpuLibtorch();
                GpuCheck.Found found = inspect();
                GpuCheck.problem(found).ifPresent(problem -> {
                    throw new IllegalStateException(problem);
                });
                firstTensorOnGpu(found);
                return Device.gpu();
            default:
                throw new IllegalArgumentException("--device must be cpu or gpu, got '" + name + "'");
        }
    }

    /**
     * One small product on the GPU before any run starts: a libtorch whose build differs from the
     * JNI's loads and reports CUDA, and then fails here ("Cannot access data pointer of Tensor that
     * doesn't have storage" on PyTorch 2.11), better said now than at a run's first step.
     */
    private static void firstTensorOnGpu(GpuCheck.Found found) {
        try (NDManager manager = NDManager.newBaseManager(Device.gpu())) {
            NDArray x = manager.ones(new Shape(8, 8));
            x.matMul(x).sum().getFloat();
        } catch (RuntimeException e) {
            throw new IllegalStateException("--device gpu: DJL's PyTorch engine loaded the libtorch at " + found.libtorchPath()
                    + " and reports CUDA and " + found.gpuCount() + " GPU(s), but a first tensor on the GPU failed (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + "). DJL's JNI is built for libtorch " + GpuCheck.WANTED_VERSION + " (flavor " + GpuCheck.WANTED_FLAVOR
                    + "): give that build as PYTORCH_LIBRARY_PATH=<libtorch>/lib PYTORCH_VERSION=" + GpuCheck.WANTED_VERSION
                    + " PYTORCH_FLAVOR=" + GpuCheck.WANTED_FLAVOR + ", or unset PYTORCH_LIBRARY_PATH to let it be fetched.", e);
        }
    }

    /** The GPUs the engine sees; {@link #device}("gpu") first checks they can be used. */
    public static int gpuCount() {
        device("gpu");
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    /**
     * On a machine with an NVIDIA driver, before the engine loads: the CUDA libtorch found in
     * DJL's cache or fetched into it ({@link GpuLibtorch}), named to DJL. Without a driver nothing
     * is fetched (gigabytes for no GPU) and {@link GpuCheck} says what is missing.
     */
    private static synchronized void prepareGpuLibtorch() {
        boolean driver = Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidia0"));
        if (configured || !driver) {
            return;
        }
        GpuLibtorch.locate(System.getenv(), Utils.getEngineCacheDir("pytorch"), GpuLibtorch.DJL_BUILDS,
                line -> System.err.println("reste: " + line)).ifPresent(folder -> {
                    System.setProperty("PYTORCH_LIBRARY_PATH", folder.toString());
                    setIfAbsent("PYTORCH_VERSION", GpuCheck.WANTED_VERSION);
                    setIfAbsent("PYTORCH_FLAVOR", GpuCheck.WANTED_FLAVOR);
                });
    }

    /** What this process's DJL loaded: the facts {@link GpuCheck} judges. */
    static GpuCheck.Found inspect() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String variable : GpuCheck.ENV_VARS) {
            String value = System.getenv(variable);
            if (value != null) {
                env.put(variable, value);
            }
        }
        Engine engine;
        try {
            engine = configure();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            // A libtorch that does not match the JNI fails here; say so instead of a stack trace.
            return new GpuCheck.Found(null, String.valueOf(e.getMessage()), null, false, 0, null, env);
        }
        String libtorchPath = LibUtils.getLibtorchPath();
        var declared = LibtorchDeclaredVersion.of(libtorchPath == null ? null : Path.of(libtorchPath));
        return new GpuCheck.Found(engine.getVersion(), null, libtorchPath,
                engine.hasCapability(StandardCapabilities.CUDA), engine.getGpuCount(), cudaRuntime(), env,
                declared.map(LibtorchDeclaredVersion.Declared::version).orElse(null),
                declared.map(d -> d.file().toString()).orElse(null));
    }

    private static String cudaRuntime() {
        try {
            return CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Sets libtorch's intra-op threads of the calling thread only (OpenMP keeps the count per
     * thread), so runs training at once in one JVM can split the cores between them.
     */
    public static void useThreadsInThisThread(int threads) {
        configure();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        JniUtils.setNumThreads(threads);
    }

    /** The intra-op threads libtorch uses in the calling thread. */
    public static int threadsInThisThread() {
        configure();
        return JniUtils.getNumThreads();
    }

    /** Intra-op threads the engine is using. */
    public static int threads() {
        configure();
        return Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
