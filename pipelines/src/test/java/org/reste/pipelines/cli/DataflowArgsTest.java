package org.reste.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.runners.dataflow.options.DataflowPipelineDebugOptions;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.reste.pipelines.dag.ReproduceOptions;

/** reproduce's Dataflow flags as Beam arguments: pure strings, then read back by Beam's own parser. */
class DataflowArgsTest {

    private static final String IMAGE = "--sdkContainerImage=us-central1-docker.pkg.dev/p/reste/worker:abc";

    private static DataflowArgs.Launch gpu(String type, Integer count, String... userArgs) {
        return DataflowArgs.translate("DataflowRunner", type, count, null, "gs://b/results", null, null,
                BeamArgs.normalize(List.of(userArgs)));
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
    void anL4WorkerGetsTheAcceleratorRunnerV2OneThreadAMachineAndTheGpuDevice() {
        DataflowArgs.Launch launch = gpu("nvidia-l4", 1, IMAGE, "--project", "p");
        assertEquals(List.of(IMAGE, "--project=p", "--runner=DataflowRunner",
                "--dataflowServiceOptions=worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver",
                "--experiments=use_runner_v2", "--numberOfWorkerHarnessThreads=1", "--workerMachineType=g2-standard-4",
                "--diskSizeGb=50"), launch.beamArgs());
        assertEquals("gpu", launch.device());
    }

    @Test
    void givenMachineDiskAndExperimentsAreKept() {
        DataflowArgs.Launch launch = gpu("nvidia-tesla-p100", null, IMAGE, "--worker-machine-type", "n1-highmem-8",
                "--diskSizeGb=100", "--experiments=use_runner_v2");
        assertEquals(List.of(IMAGE, "--workerMachineType=n1-highmem-8", "--diskSizeGb=100", "--experiments=use_runner_v2",
                "--runner=DataflowRunner",
                "--dataflowServiceOptions=worker_accelerator=type:nvidia-tesla-p100;count:1;install-nvidia-driver",
                "--numberOfWorkerHarnessThreads=1"), launch.beamArgs());
    }

    @Test
    void beamReadsTheTranslationAsDataflowOptions() {
        DataflowArgs.Launch launch = gpu("nvidia-l4", 1, IMAGE, "--project", "p", "--region", "us-central1",
                "--temp-location", "gs://b/tmp", "--experiments=shuffle_mode=service");
        ReproduceOptions options = PipelineOptionsFactory.fromArgs(launch.beamArgs().toArray(String[]::new))
                .as(ReproduceOptions.class);
        DataflowPipelineOptions dataflow = options.as(DataflowPipelineOptions.class);
        assertEquals("DataflowRunner", dataflow.getRunner().getSimpleName());
        assertEquals(List.of("worker_accelerator=type:nvidia-l4;count:1;install-nvidia-driver"),
                dataflow.getDataflowServiceOptions());
        assertEquals("g2-standard-4", dataflow.getWorkerMachineType());
        assertEquals(50, dataflow.getDiskSizeGb());
        assertEquals("gs://b/tmp", dataflow.getTempLocation());
        assertEquals("us-central1-docker.pkg.dev/p/reste/worker:abc", dataflow.getSdkContainerImage());
        assertEquals(1, options.as(DataflowPipelineDebugOptions.class).getNumberOfWorkerHarnessThreads());
        assertTrue(options.as(ExperimentalOptions.class).getExperiments().containsAll(
                List.of("use_runner_v2", "shuffle_mode=service")), options.as(ExperimentalOptions.class).getExperiments()::toString);
    }

    @Test
    void withoutAGpuTypeNothingIsAddedButTheRunner() {
        DataflowArgs.Launch launch = DataflowArgs.translate("DirectRunner", null, null, null, "results", null, null,
                List.of("--targetParallelism=2"));
        assertEquals(List.of("--targetParallelism=2", "--runner=DirectRunner"), launch.beamArgs());
        assertEquals("cpu", launch.device());
        assertEquals("gpu", DataflowArgs.translate("DirectRunner", "", null, "gpu", "results", null, null, List.of())
                .device());
    }

    @Test
    void flagsThatCannotWorkAreOneClearError() {
        assertError("--gpu-type nvidia-l4 asks Dataflow for GPU workers, so it needs --runner DataflowRunner (got"
                + " DirectRunner); on this machine use --device gpu instead",
                () -> DataflowArgs.translate("DirectRunner", "nvidia-l4", 1, null, "results", null, null, List.of()));
        assertError("--gpus-per-worker must be at least 1, got 0", () -> gpu("nvidia-l4", 0, IMAGE));
        assertError("--gpus-per-worker needs --gpu-type (e.g. --gpu-type nvidia-l4)",
                () -> DataflowArgs.translate("DataflowRunner", null, 1, null, "gs://b/r", null, null, List.of()));
        assertTrue(message(() -> gpu("nvidia-l4", 2, IMAGE)).startsWith("--gpus-per-worker 2: a worker's JVM trains one run"));
        assertTrue(message(() -> gpu("nvidia-l4", 1)).startsWith("--gpu-type nvidia-l4 needs --sdkContainerImage="));
        assertTrue(message(() -> gpu("nvidia-h100-80gb", 1, IMAGE))
                .startsWith("--gpu-type nvidia-h100-80gb: no default machine type for it; give --workerMachineType="));
        assertTrue(message(() -> gpu("nvidia-l4", 1, IMAGE, "--numberOfWorkerHarnessThreads=4"))
                .startsWith("--numberOfWorkerHarnessThreads=4 with --gpu-type"));
        assertTrue(message(() -> gpu("nvidia-l4", 1, IMAGE,
                "--dataflowServiceOptions=worker_accelerator=type:nvidia-tesla-t4;count:1"))
                .contains("both ask for accelerators"));
        assertTrue(message(() -> DataflowArgs.translate("DataflowRunner", "nvidia-l4", 1, "cpu", "gs://b/r", null, null,
                List.of(IMAGE))).startsWith("--device cpu with --gpu-type nvidia-l4"));
        assertEquals("--out results: Dataflow workers cannot reach this machine's files; give a gs://bucket/prefix location",
                message(() -> DataflowArgs.translate("DataflowRunner", null, null, null, "results", null, null, List.of())));
        assertTrue(message(() -> DataflowArgs.translate("DataflowRunner", null, null, null, "gs://b/r", "/data/cifar",
                null, List.of())).startsWith("--data /data/cifar: Dataflow workers cannot reach"));
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

    private static void assertError(String expected, Runnable launch) {
        assertEquals(expected, message(launch));
    }

    private static String message(Runnable launch) {
        return assertThrows(IllegalArgumentException.class, launch::run).getMessage();
    }
}
