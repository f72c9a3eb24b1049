import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Locale;
import org.reste.tasks.bench.ThroughputBenchmark;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.nn.Bits;

/**
 * What of ours loads on a CUDA machine, step by step, printing one line per step so a failure
 * says exactly where: the project's own GPU check ({@code EngineSetup.device("gpu")}, the path
 * {@code --device gpu} takes), then DJL's engine directly (version, CUDA capability, GPU count),
 * one tensor made and summed on the GPU, and, if all of that works, {@code ThroughputBenchmark}
 * (the same timing as {@code ./reste bench}) for ResNet-20 1W/1A ReSTE at batch 256 at the
 * start, middle and end of the schedule. Not part of the product: compiled against the tasks
 * jar by {@code results/bench/gpu/prepare.sh} and run by {@code results/bench/gpu/device.sh}.
 *
 * <p>Arguments: data folder (CIFAR-10 binary batches), steps, warm-up steps, and optionally
 * {@code cpu} to skip the GPU and time the CPU (to try the kit on a machine without a GPU).
 */
public final class GpuProbe {

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        System.out.println("probe: java " + System.getProperty("java.version") + ", PYTORCH_LIBRARY_PATH="
                + System.getenv("PYTORCH_LIBRARY_PATH") + ", PYTORCH_VERSION=" + System.getenv("PYTORCH_VERSION")
                + ", PYTORCH_FLAVOR=" + System.getenv("PYTORCH_FLAVOR"));
        Device device = args.length > 3 && args[3].equals("cpu") ? EngineSetup.device("cpu") : checkedGpu();
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
            System.out.println("probe: engine " + engine.getEngineName() + " version " + engine.getVersion()
                    + ", CUDA capability " + engine.hasCapability(StandardCapabilities.CUDA)
                    + ", GPUs " + engine.getGpuCount());
        } catch (RuntimeException | LinkageError e) {
            System.out.println("probe: engine did not load: " + e);
            causes(e);
            return;
        }
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray x = manager.arange(1024f).reshape(32, 32);
            float sum = x.matMul(x).sum().getFloat();
            System.out.println("probe: tensor on " + x.getDevice() + ", sum of x.x = " + sum);
        } catch (RuntimeException | LinkageError e) {
            System.out.println("probe: tensor on " + device + " failed: " + e);
            causes(e);
            return;
        }
        ImageSet images = DatasetCatalog.openInMemory("cifar10", data, false).train();
        for (double fraction : new double[] {0.0, 0.5, 1.0}) {
            try {
                ThroughputBenchmark.Result r = ThroughputBenchmark.run(
                        "resnet20", Bits.parse("1/1"), "reste", 256, steps, warmup, device, images, fraction, null);
                System.out.printf(Locale.ROOT, "probe: ours resnet20 1/1 reste o=%.3f batch 256 on %s: train median %.1f img/s"
                        + " (min %.1f, max %.1f, %d steps); eval median %.1f img/s%n", r.scheduleValue(), r.device(),
                        r.imagesPerSMedian(), r.imagesPerSMin(), r.imagesPerSMax(), r.steps(), r.evalImagesPerSMedian());
            } catch (RuntimeException | LinkageError e) {
                System.out.println("probe: ours at schedule fraction " + fraction + " failed: " + e);
                causes(e);
                return;
            }
        }
    }

    /** The GPU, after our own check has said whether {@code --device gpu} would accept it. */
    private static Device checkedGpu() {
        try {
            Device gpu = EngineSetup.device("gpu");
            System.out.println("probe: EngineSetup.device(gpu) accepted: " + gpu);
            return gpu;
        } catch (RuntimeException | LinkageError e) {
            System.out.println("probe: EngineSetup.device(gpu) refused: " + e);
            return Device.gpu();
        }
    }

    private static void causes(Throwable e) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            System.out.println("probe:   caused by " + c);
        }
    }
}
