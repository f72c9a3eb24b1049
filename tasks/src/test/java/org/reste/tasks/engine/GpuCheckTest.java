package org.reste.tasks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The --device gpu diagnosis: what was found against what is wanted. */
class GpuCheckTest {

    private static GpuCheck.Found found(String version, String path, boolean cuda, int gpus, String runtime,
            Map<String, String> env) {
        return new GpuCheck.Found(version, null, path, cuda, gpus, runtime, env);
    }

    @Test
    void theWantedSetupHasNoProblem() {
        GpuCheck.Found good = found("2.7.1", "/opt/libtorch/lib", true, 1, "12080",
                Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib", "PYTORCH_VERSION", "2.7.1", "PYTORCH_FLAVOR", "cu128"));
        assertEquals(Optional.empty(), GpuCheck.problem(good));
    }

    @Test
    void aCpuBuildWithoutGpuNamesWhatWasFoundAndWanted() {
        String message = GpuCheck.problem(found("2.7.1", "/root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64", false, 0,
                null, Map.of())).orElseThrow();
        assertTrue(message.startsWith("--device gpu: "), message);
        assertTrue(message.contains("the loaded libtorch is a CPU build (flavor cpu)"), message);
        assertTrue(message.contains("no CUDA runtime or GPU is visible"), message);
        assertTrue(message.contains("engine PyTorch 2.7.1"), message);
        assertTrue(message.contains("libtorch at /root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64"), message);
        assertTrue(message.contains("PYTORCH_LIBRARY_PATH unset, PYTORCH_VERSION unset, PYTORCH_FLAVOR unset"), message);
        assertTrue(message.contains("Wanted: libtorch 2.7.1 for CUDA 12.8 (flavor cu128)"), message);
    }

    @Test
    void aMismatchedLibtorchNamesBothVersionsAndFlavors() {
        String message = GpuCheck.problem(found("2.5.1", "/opt/libtorch-2.5.1/lib", true, 1, "12040",
                Map.of("PYTORCH_VERSION", "2.5.1", "PYTORCH_FLAVOR", "cu124", "PYTORCH_LIBRARY_PATH", "/opt/libtorch-2.5.1/lib")))
                .orElseThrow();
        assertTrue(message.contains("libtorch 2.5.1 is loaded, not 2.7.1"), message);
        assertTrue(message.contains("PYTORCH_VERSION is 2.5.1, not 2.7.1"), message);
        assertTrue(message.contains("libtorch flavor cu124 is loaded, not cu128"), message);
        assertTrue(message.contains("PYTORCH_LIBRARY_PATH=/opt/libtorch-2.5.1/lib"), message);
        assertTrue(!message.contains("no GPU"), message);
    }

    @Test
    void aLibtorchThatIsNotWhatPytorchVersionSaysIsRefused() {
        // As on the H200 of 2026-12-04: a PyTorch 2.11 wheel's lib/ named to DJL as 2.7.1 cu128 loads and reports CUDA.
        Map<String, String> env = Map.of("PYTORCH_LIBRARY_PATH", "/venv/torch/lib", "PYTORCH_VERSION", "2.7.1", "PYTORCH_FLAVOR", "cu128");
        GpuCheck.Found wheel = new GpuCheck.Found("2.7.1", null, "/venv/torch/lib", true, 1, "13000", env,
                "2.11.0+cu130", "/venv/torch/version.py");
        String message = GpuCheck.problem(wheel).orElseThrow();
        assertTrue(message.contains("the libtorch at /venv/torch/lib is 2.11.0+cu130 (says /venv/torch/version.py), not 2.7.1"), message);
        assertTrue(message.contains("PYTORCH_LIBRARY_PATH=<libtorch>/lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128"), message);
        GpuCheck.Found archive = new GpuCheck.Found("2.7.1", null, "/opt/libtorch/lib", true, 1, "12080", env,
                "2.7.1+cu128", "/opt/libtorch/build-version");
        assertEquals(Optional.empty(), GpuCheck.problem(archive));
    }

    @Test
    void theFlavorIsReadOffTheLibraryPathWhenTheVariableIsUnset() {
        String message = GpuCheck.problem(found("2.7.1", "/cache/pytorch/2.7.1-cu126-linux-x86_64", true, 1, "12060",
                Map.of())).orElseThrow();
        assertTrue(message.contains("libtorch flavor cu126 is loaded, not cu128"), message);
    }

    @Test
    void aDriverWithoutVisibleGpusIsNamed() {
        String message = GpuCheck.problem(found("2.7.1", "/opt/libtorch/lib", true, 0, "12080",
                Map.of("CUDA_VISIBLE_DEVICES", ""))).orElseThrow();
        assertTrue(message.contains("CUDA 12080 is present but no GPU is visible"), message);
        String unavailable = GpuCheck.problem(found("2.7.1", "/opt/libtorch/lib", false, 0, "12080",
                Map.of("PYTORCH_FLAVOR", "cu128"))).orElseThrow();
        assertTrue(unavailable.contains("libtorch (flavor cu128) reports CUDA unavailable"), unavailable);
        assertTrue(!unavailable.contains("CPU build"), unavailable);
        assertTrue(message.contains("CUDA_VISIBLE_DEVICES="), message);
    }

    @Test
    void anEngineThatDidNotLoadSaysWhy() {
        String message = GpuCheck.problem(new GpuCheck.Found(null, "libtorch_cuda.so: cannot open shared object file",
                null, false, 0, null, Map.of("PYTORCH_LIBRARY_PATH", "/nowhere"))).orElseThrow();
        assertTrue(message.contains("did not load (libtorch_cuda.so: cannot open shared object file)"), message);
        assertTrue(message.contains("engine PyTorch (not loaded)"), message);
        assertTrue(message.contains("PYTORCH_LIBRARY_PATH=/nowhere"), message);
    }

    @Test
    void thisMachinesEngineIsJudgedFromWhatDjlLoaded() {
        GpuCheck.Found here = EngineSetup.inspect();
        Assumptions.assumeTrue(here.gpuCount() == 0, "a GPU is visible: nothing to refuse here");
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> EngineSetup.device("gpu"));
        assertTrue(error.getMessage().contains("engine PyTorch " + here.engineVersion()), error.getMessage());
        assertTrue(error.getMessage().contains("Wanted: libtorch 2.7.1"), error.getMessage());
    }
}
