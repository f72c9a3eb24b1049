package org.reste.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.dataflow.options.DataflowPipelineDebugOptions;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.junit.jupiter.api.Test;
import org.reste.pipelines.dag.ReproduceOptions;

/** reproduce's Dataflow flags: parsed as the command parses them, then checked and completed by DataflowArgs. */
class DataflowArgsTest {

    private static final String IMAGE = "--sdkContainerImage=us-central1-docker.pkg.dev/p/reste/worker:abc";

    private static ReproduceOptions options(String... args) {
        return JobOptions.parse(ReproduceOptions.class, List.of(args), System.out).orElseThrow();
    }

    /** Options for a Dataflow run with GPU workers of {@code type}, after DataflowArgs. */
    private static ReproduceOptions gpu(String type, String... more) {
        List<String> args = new ArrayList<>(List.of("--runner", "DataflowRunner", "--out", "gs://b/results", "--gpu-type",
                type));
        args.addAll(List.of(more));
        ReproduceOptions options = options(args.toArray(String[]::new));
        DataflowArgs.apply(options);
        return options;
    }

    @Test
    void typedOptionsBecomeBeamsNameValueForm() {
        assertEquals(List.of("--project=p", "--tempLocation=gs://b/tmp", "--region=europe-west4", "--streaming"),
                BeamArgs.normalize(List.of("--project", "p", "--temp-location", "gs://b/tmp", "--region=europe-west4",
                        "--streaming")));
        IllegalArgumentException stray = assertThrows(IllegalArgumentException.class,
                () -> BeamArgs.normalize(List.of("--project=p", "oops")));
        assertEquals("Beam option expected (--name=value), got 'oops'", stray.getMessage());
    }

    @Test
    void anL4WorkerGetsTheAcceleratorRunnerV2OneThreadAMachineADiskAndTheGpuDevice() {
        ReproduceOptions options = gpu("nvidia-l4", IMAGE, "--gpus-per-worker", "1", "--project", "p", "--region",
                "us-central1", "--temp-location", "gs://b/tmp", "--experiments=shuffle_mode=service");
        DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
        assertEquals("DataflowRunner", dataflow.getRunner().getSimpleName());
        assertEquals(List.of("worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver"),
                dataflow.getDataflowServiceOptions());
        assertEquals("g2-standard-4", dataflow.getWorkerMachineType());
        assertEquals(DataflowArgs.GPU_DISK_GB, dataflow.getDiskSizeGb());
        assertEquals("gs://b/tmp", dataflow.getTempLocation());
        assertEquals("us-central1-docker.pkg.dev/p/reste/worker:abc", dataflow.getSdkContainerImage());
        assertEquals(1, options.as(DataflowPipelineDebugOptions.class).getNumberOfWorkerHarnessThreads());
        assertEquals(List.of("shuffle_mode=service", "use_runner_v2"), options.as(ExperimentalOptions.class).getExperiments());
        assertEquals("gpu", options.getDevice());
    }

    @Test
    void givenMachineDiskAndExperimentsAreKept() {
        ReproduceOptions options = gpu("nvidia-tesla-p100", IMAGE, "--worker-machine-type", "n1-highmem-8",
                "--diskSizeGb=100", "--experiments=use_runner_v2", "--numberOfWorkerHarnessThreads=1");
        DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
        assertEquals("n1-highmem-8", dataflow.getWorkerMachineType());
        assertEquals(100, dataflow.getDiskSizeGb());
        assertEquals(List.of("use_runner_v2"), options.as(ExperimentalOptions.class).getExperiments());
        assertEquals(List.of("worker_accelerator=type:nvidia-tesla-p100;count:1;install-nvidia-driver"),
                dataflow.getDataflowServiceOptions());
    }

    @Test
    void withoutAGpuTypeNothingIsAdded() {
        ReproduceOptions local = options("--targetParallelism=2");
        DataflowArgs.apply(local);
        assertEquals("cpu", local.getDevice());
        assertNull(local.as(DataflowPipelineOptions.class).getDataflowServiceOptions());
        assertNull(local.as(DataflowPipelineOptions.class).getWorkerMachineType());
        ReproduceOptions onThisGpu = options("--device", "gpu");
        DataflowArgs.apply(onThisGpu);
        assertEquals("gpu", onThisGpu.getDevice());
    }

    @Test
    void flagsThatCannotWorkAreOneClearError() {
        assertEquals("--gpuType nvidia-l4 asks Dataflow for GPU workers, so it needs --runner DataflowRunner (got"
                + " DirectRunner); on this machine use --device gpu instead", refused("--gpu-type", "nvidia-l4"));
        assertEquals("--gpusPerWorker must be at least 1, got 0", message(() -> gpu("nvidia-l4", IMAGE, "--gpusPerWorker=0")));
        assertEquals("--gpusPerWorker needs --gpuType (e.g. --gpuType nvidia-l4)",
                refused("--runner=DataflowRunner", "--out=gs://b/r", "--gpusPerWorker=1"));
        assertTrue(message(() -> gpu("nvidia-l4", IMAGE, "--gpusPerWorker=2"))
                .startsWith("--gpusPerWorker 2: a worker's JVM trains one run"));
        assertTrue(message(() -> gpu("nvidia-l4")).startsWith("--gpuType nvidia-l4 needs --sdkContainerImage="));
        assertTrue(message(() -> gpu("nvidia-h100-80gb", IMAGE))
                .startsWith("--gpuType nvidia-h100-80gb: no default machine type for it; give --workerMachineType="));
        assertTrue(message(() -> gpu("nvidia-l4", IMAGE, "--numberOfWorkerHarnessThreads=4"))
                .startsWith("--numberOfWorkerHarnessThreads=4 with --gpuType"));
        assertTrue(message(() -> gpu("nvidia-l4", IMAGE,
                "--dataflowServiceOptions=worker_accelerator=type:nvidia-tesla-t4;count:1"))
                .contains("both ask for accelerators"));
        assertTrue(message(() -> gpu("nvidia-l4", IMAGE, "--device", "cpu")).startsWith("--device cpu with --gpuType nvidia-l4"));
        assertEquals("--out results: Dataflow workers cannot reach this machine's files; give a gs://bucket/prefix location",
                refused("--runner=DataflowRunner"));
        assertTrue(refused("--runner=DataflowRunner", "--out=gs://b/r", "--data", "/data/cifar")
                .startsWith("--data /data/cifar: Dataflow workers cannot reach"));
    }

    @Test
    void theFlexTemplateEntryRunsReproduceDetachedOnDataflowWithItsWorkerImage() {
        assertEquals(List.of("reproduce", "--detach", "--profile=nightly", "--gpuType=nvidia-l4", "--runner=DataflowRunner",
                "--sdkContainerImage=r/worker:abc"),
                List.of(FlexTemplateMain.reproduceArgs("r/worker:abc", "--profile=nightly", "--gpuType=nvidia-l4")));
        assertEquals(List.of("reproduce", "--detach", "--runner=DirectRunner", "--sdkContainerImage=r/other:1"),
                List.of(FlexTemplateMain.reproduceArgs("r/worker:abc", "--runner=DirectRunner", "--sdkContainerImage=r/other:1")));
        assertEquals(List.of("reproduce", "--detach", "--runner=DataflowRunner"), List.of(FlexTemplateMain.reproduceArgs(null)));
    }

    /** The message DataflowArgs refuses these arguments with. */
    private static String refused(String... args) {
        return message(() -> DataflowArgs.apply(options(args)));
    }

    private static String message(Runnable launch) {
        return assertThrows(IllegalArgumentException.class, launch::run).getMessage();
    }
}
