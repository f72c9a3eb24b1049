package org.reste.pipelines.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.dataflow.options.DataflowPipelineDebugOptions;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.reste.pipelines.dag.ReproduceOptions;
import org.reste.tasks.io.Locations;

/**
 * What {@code reproduce} adds to the parsed options for a Dataflow run, and the checks that stop a
 * launch that could only fail (or idle a GPU) before any worker starts.
 *
 * <p>For {@code --gpuType T --gpusPerWorker 1}: the worker_accelerator service option (Dataflow
 * installs the NVIDIA driver), Runner v2 (GPUs need it), one harness thread per worker (DJL's
 * PyTorch engine trains one run per JVM, so one training per GPU at a time), a machine type that
 * accepts T unless one is given, a boot disk large enough for the CUDA worker image, and training
 * on the GPU (the --device default with --gpuType).
 */
final class DataflowArgs {

    static final String DATAFLOW = "DataflowRunner";

    /** A machine type that takes one GPU of each type; others need --workerMachineType. */
    static final Map<String, String> MACHINE_FOR_ONE_GPU = Map.of(
            "nvidia-l4", "g2-standard-4",
            "nvidia-tesla-t4", "n1-standard-4",
            "nvidia-tesla-v100", "n1-standard-8",
            "nvidia-tesla-a100", "a2-highgpu-1g",
            "nvidia-a100-80gb", "a2-ultragpu-1g");

    /** GB; the worker image (CUDA 12.8 libtorch + JDK + Beam harness) is several GB unpacked. */
    static final int GPU_DISK_GB = 50;

    private DataflowArgs() {}

    /** Checks the options and, for GPU workers, sets Dataflow's accelerator options on them. */
    static void apply(ReproduceOptions options) {
        String runner = options.getRunner().getSimpleName();
        boolean dataflow = runner.equals(DATAFLOW);
        String gpuType = options.getGpuType();
        boolean gpu = gpuType != null && !gpuType.isBlank();
        if (gpu && !dataflow) {
            throw new IllegalArgumentException("--gpuType " + gpuType + " asks Dataflow for GPU workers, so it needs"
                    + " --runner DataflowRunner (got " + runner + "); on this machine use --device gpu instead");
        }
        if (options.getGpusPerWorker() != null && !gpu) {
            throw new IllegalArgumentException("--gpusPerWorker needs --gpuType (e.g. --gpuType nvidia-l4)");
        }
        if (dataflow) {
            requireCloud("--out", options.getOut());
            requireCloud("--data", options.getData());
            requireCloud("--imagenetData", options.getImagenetData());
        }
        if (gpu) {
            addAccelerator(options, gpuType);
        }
    }

    private static void addAccelerator(ReproduceOptions options, String gpuType) {
        int count = options.getGpusPerWorker() == null ? 1 : options.getGpusPerWorker();
        if (count < 1) {
            throw new IllegalArgumentException("--gpusPerWorker must be at least 1, got " + count);
        }
        if (count > 1) {
            throw new IllegalArgumentException("--gpusPerWorker " + count + ": a worker's JVM trains one run at a time"
                    + " (DJL's PyTorch engine allows one gradient collector per process), so GPUs past the first would"
                    + " idle; use --gpusPerWorker 1 and more workers (--maxNumWorkers)");
        }
        if (!options.getDevice().equals("gpu")) {
            throw new IllegalArgumentException("--device " + options.getDevice() + " with --gpuType " + gpuType
                    + ": GPU workers train with --device gpu (leave --device out)");
        }
        DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
        if (dataflow.getSdkContainerImage() == null || dataflow.getSdkContainerImage().isBlank()) {
            throw new IllegalArgumentException("--gpuType " + gpuType + " needs --sdkContainerImage=<worker image>"
                    + " (built by infra/build-image.sh: libtorch 2.7.1 for CUDA 12.8); Beam's default image has no libtorch");
        }
        List<String> services = new ArrayList<>(dataflow.getDataflowServiceOptions() == null ? List.of()
                : dataflow.getDataflowServiceOptions());
        for (String option : services) {
            if (option.startsWith("worker_accelerator=")) {
                throw new IllegalArgumentException("--gpuType and --dataflowServiceOptions=" + option
                        + " both ask for accelerators; give one of them");
            }
        }
        DataflowPipelineDebugOptions debug = options.as(DataflowPipelineDebugOptions.class);
        int threads = debug.getNumberOfWorkerHarnessThreads();
        if (threads != 0 && threads != 1) { // 0: not given
            throw new IllegalArgumentException("--numberOfWorkerHarnessThreads=" + threads + " with --gpuType:"
                    + " one training per GPU at a time needs 1 (the default with --gpuType)");
        }
        services.add("worker_accelerator=type:" + gpuType + ";count:" + count + ";install-nvidia-driver");
        dataflow.setDataflowServiceOptions(services);
        ExperimentalOptions.addExperiment(options.as(ExperimentalOptions.class), "use_runner_v2");
        debug.setNumberOfWorkerHarnessThreads(1);
        if (dataflow.getWorkerMachineType() == null) {
            String machine = MACHINE_FOR_ONE_GPU.get(gpuType);
            if (machine == null) {
                throw new IllegalArgumentException("--gpuType " + gpuType + ": no default machine type for it; give"
                        + " --workerMachineType=<a type that accepts " + gpuType + "> (known: " + MACHINE_FOR_ONE_GPU + ")");
            }
            dataflow.setWorkerMachineType(machine);
        }
        if (dataflow.getDiskSizeGb() == 0) { // 0: not given
            dataflow.setDiskSizeGb(GPU_DISK_GB);
        }
    }

    /** Workers cannot see this machine's disk: what a Dataflow job reads or writes lives in Cloud Storage. */
    private static void requireCloud(String flag, String location) {
        if (location != null && !location.isBlank() && !Locations.isCloud(location)) {
            throw new IllegalArgumentException(flag + " " + location + ": Dataflow workers cannot reach this machine's"
                    + " files; give a gs://bucket/prefix location");
        }
    }
}
