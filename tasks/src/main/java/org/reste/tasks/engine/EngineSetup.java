package org.reste.tasks.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;

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

    /** The device for "cpu" or "gpu"; a GPU that is not there is one clear error. */
    public static Device device(String name) {
        Engine engine = configure();
        switch (name.toLowerCase()) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException(
                            "--device gpu: DJL's PyTorch engine "
                                    + engine.getVersion()
                                    + " sees no CUDA GPU. A GPU needs libtorch 2.7.1 for CUDA 12.8 via"
                                    + " PYTORCH_LIBRARY_PATH with PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128.");
                }
                return Device.gpu();
            default:
                throw new IllegalArgumentException("--device must be cpu or gpu, got '" + name + "'");
        }
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
