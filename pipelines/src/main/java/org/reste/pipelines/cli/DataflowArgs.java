package org.reste.pipelines.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reste.tasks.io.Locations;

/**
 * What {@code reproduce} adds to the Beam arguments for a Dataflow run, and the checks that stop a
 * launch that could only fail (or idle a GPU) before any worker starts.
 *
 * <p>For {@code --gpu-type T --gpus-per-worker 1}: the worker_accelerator service option (Dataflow
 * installs the NVIDIA driver), Runner v2 (GPUs need it), one harness thread per worker (DJL's
 * PyTorch engine trains one run per JVM, so one training per GPU at a time), a machine type that
 * accepts T unless one is given, a boot disk large enough for the CUDA worker image, and training
 * on the GPU.
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

    /** The launch after translation: every Beam argument, and the device each run trains on. */
    record Launch(List<String> beamArgs, String device) {}

    private DataflowArgs() {}

    /**
     * @param runner the --runner value
     * @param gpuType --gpu-type, or null
     * @param gpusPerWorker --gpus-per-worker, or null when not given
     * @param device --device, or null when not given
     * @param out --out as given; data, imagenetData likewise (null when not given)
     * @param userArgs the Beam options the user typed, normalized by {@link BeamArgs}
     */
    static Launch translate(String runner, String gpuType, Integer gpusPerWorker, String device, String out,
            String data, String imagenetData, List<String> userArgs) {
        boolean dataflow = runner.equals(DATAFLOW);
        boolean gpu = gpuType != null && !gpuType.isBlank();
        if (gpu && !dataflow) {
            throw new IllegalArgumentException("--gpu-type " + gpuType + " asks Dataflow for GPU workers, so it needs"
                    + " --runner " + DATAFLOW + " (got " + runner + "); on this machine use --device gpu instead");
        }
        if (gpusPerWorker != null && !gpu) {
            throw new IllegalArgumentException("--gpus-per-worker needs --gpu-type (e.g. --gpu-type nvidia-l4)");
        }
        List<String> args = new ArrayList<>(userArgs);
        args.add("--runner=" + runner);
        if (dataflow) {
            requireCloud("--out", out);
            requireCloud("--data", data);
            requireCloud("--imagenet-data", imagenetData);
        }
        if (!gpu) {
            return new Launch(args, device == null ? "cpu" : device);
        }
        int count = gpusPerWorker == null ? 1 : gpusPerWorker;
        if (count < 1) {
            throw new IllegalArgumentException("--gpus-per-worker must be at least 1, got " + count);
        }
        if (count > 1) {
            throw new IllegalArgumentException("--gpus-per-worker " + count + ": a worker's JVM trains one run at a time"
                    + " (DJL's PyTorch engine allows one gradient collector per process), so GPUs past the first would"
                    + " idle; use --gpus-per-worker 1 and more workers (--maxNumWorkers)");
        }
        if (device != null && !device.equals("gpu")) {
            throw new IllegalArgumentException("--device " + device + " with --gpu-type " + gpuType
                    + ": GPU workers train with --device gpu (leave --device out)");
        }
        if (BeamArgs.value(userArgs, "sdkContainerImage").isEmpty()) {
            throw new IllegalArgumentException("--gpu-type " + gpuType + " needs --sdkContainerImage=<worker image>"
                    + " (built by infra/build-image.sh: libtorch 2.7.1 for CUDA 12.8); Beam's default image has no libtorch");
        }
        for (String option : BeamArgs.values(userArgs, "dataflowServiceOptions")) {
            if (option.startsWith("worker_accelerator=")) {
                throw new IllegalArgumentException("--gpu-type and --dataflowServiceOptions=" + option
                        + " both ask for accelerators; give one of them");
            }
        }
        BeamArgs.value(userArgs, "numberOfWorkerHarnessThreads").filter(threads -> !threads.equals("1"))
                .ifPresent(threads -> {
                    throw new IllegalArgumentException("--numberOfWorkerHarnessThreads=" + threads + " with --gpu-type:"
                            + " one training per GPU at a time needs 1 (the default with --gpu-type)");
                });
        args.add("--dataflowServiceOptions=worker_accelerator=type:" + gpuType + ";count:" + count
                + ";install-nvidia-driver");
        if (!BeamArgs.values(userArgs, "experiments").contains("use_runner_v2")) {
            args.add("--experiments=use_runner_v2");
        }
        args.add("--numberOfWorkerHarnessThreads=1");
        if (BeamArgs.value(userArgs, "workerMachineType").isEmpty()) {
            String machine = MACHINE_FOR_ONE_GPU.get(gpuType);
            if (machine == null) {
                throw new IllegalArgumentException("--gpu-type " + gpuType + ": no default machine type for it; give"
                        + " --workerMachineType=<a type that accepts " + gpuType + "> (known: " + MACHINE_FOR_ONE_GPU + ")");
            }
            args.add("--workerMachineType=" + machine);
        }
        if (BeamArgs.value(userArgs, "diskSizeGb").isEmpty()) {
            args.add("--diskSizeGb=" + GPU_DISK_GB);
        }
        return new Launch(args, "gpu");
    }

    /** Workers cannot see this machine's disk: what a Dataflow job reads or writes lives in Cloud Storage. */
    private static void requireCloud(String flag, String location) {
        if (location != null && !location.isBlank() && !Locations.isCloud(location)) {
            throw new IllegalArgumentException(flag + " " + location + ": Dataflow workers cannot reach this machine's"
                    + " files; give a gs://bucket/prefix location");
        }
    }
}
