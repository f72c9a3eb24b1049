package org.reste.tasks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether {@code --device gpu} can work, decided from what DJL actually loaded. Kept free of DJL so
 * the message (what was found, what is wanted) can be tested on a machine without a GPU.
 */
public final class GpuCheck {

    /** The libtorch the project's pytorch-jni is built against, and the CUDA flavor the worker image ships. */
    public static final String WANTED_VERSION = "2.7.1";
    public static final String WANTED_FLAVOR = "cu128";

    /** The environment variables DJL reads to pick a libtorch, in the order the message lists them. */
    public static final List<String> ENV_VARS = List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR",
            "CUDA_VISIBLE_DEVICES");

    private static final Pattern FLAVOR_IN_PATH = Pattern.compile("(cu\\d{3}|cpu)");

    /**
     * What the running process sees.
     *
     * @param engineVersion libtorch version DJL's PyTorch engine reports, or null if it failed to load
     * @param loadError why the engine failed to load, or null
     * @param libtorchPath directory the libtorch was loaded from (may be null)
     * @param cudaAvailable whether the loaded libtorch reports CUDA usable (a CUDA build that finds a GPU)
     * @param gpuCount GPUs the engine can use
     * @param cudaRuntime CUDA runtime version DJL found on the machine, or null for none
     * @param env the values of {@link #ENV_VARS} that are set
     * @param declaredVersion what the libtorch folder says it is ({@code build-version} or a wheel's
     *     {@code version.py}), or null where it says nothing
     * @param declaredIn the file that said so, or null
     */
    public record Found(String engineVersion, String loadError, String libtorchPath, boolean cudaAvailable,
            int gpuCount, String cudaRuntime, Map<String, String> env, String declaredVersion, String declaredIn) {

        /** What DJL reports, with nothing read off the libtorch folder. */
        public Found(String engineVersion, String loadError, String libtorchPath, boolean cudaAvailable,
                int gpuCount, String cudaRuntime, Map<String, String> env) {
            this(engineVersion, loadError, libtorchPath, cudaAvailable, gpuCount, cudaRuntime, env, null, null);
        }

        /** The flavor named by PYTORCH_FLAVOR, else read off the library path, else what CUDA availability implies. */
        String flavor() {
            String set = env.get("PYTORCH_FLAVOR");
            if (set != null && !set.isBlank()) {
                return set;
            }
            if (libtorchPath != null) {
                Matcher matcher = FLAVOR_IN_PATH.matcher(libtorchPath);
                String last = null;
                while (matcher.find()) {
                    last = matcher.group(1);
                }
                if (last != null) {
                    return last;
                }
            }
            return cudaAvailable ? "a CUDA build" : "unknown";
        }
    }

    private GpuCheck() {}

    /** The reason a GPU cannot be used, naming what was found and what is wanted; empty when it can. */
    public static Optional<String> problem(Found found) {
        List<String> reasons = new ArrayList<>();
        if (found.loadError() != null) {
            reasons.add("DJL's PyTorch engine did not load (" + found.loadError() + ")");
        } else {
            if (!WANTED_VERSION.equals(found.engineVersion())) {
                reasons.add("libtorch " + found.engineVersion() + " is loaded, not " + WANTED_VERSION);
            } else if (found.declaredVersion() != null
                    && !LibtorchDeclaredVersion.isRelease(found.declaredVersion(), WANTED_VERSION)) {
                // DJL believes PYTORCH_VERSION; the folder's own file is the truth, and a mismatch fails at the first tensor.
                reasons.add("the libtorch at " + found.libtorchPath() + " is " + found.declaredVersion() + " (says "
                        + found.declaredIn() + "), not " + WANTED_VERSION + ", whatever PYTORCH_VERSION says: DJL's JNI is"
                        + " built for " + WANTED_VERSION + " alone and another libtorch fails at its first tensor");
            }
            String versionSet = found.env().get("PYTORCH_VERSION");
            if (versionSet != null && !versionSet.equals(WANTED_VERSION)) {
                reasons.add("PYTORCH_VERSION is " + versionSet + ", not " + WANTED_VERSION);
            }
            String flavor = found.flavor();
            if (flavor.equals("cpu")) {
                reasons.add("the loaded libtorch is a CPU build (flavor cpu)");
            } else if (flavor.startsWith("cu") && !flavor.equals(WANTED_FLAVOR)) {
                reasons.add("libtorch flavor " + flavor + " is loaded, not " + WANTED_FLAVOR);
            } else if (!found.cudaAvailable()) {
                reasons.add("libtorch (flavor " + flavor + ") reports CUDA unavailable");
            }
            if (found.gpuCount() == 0) {
                reasons.add(found.cudaRuntime() == null ? "no CUDA runtime or GPU is visible"
                        : "CUDA " + found.cudaRuntime() + " is present but no GPU is visible");
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("--device gpu: " + String.join("; ", reasons) + ". Found: " + describe(found)
                + ". Wanted: libtorch " + WANTED_VERSION + " for CUDA 12.8 (flavor " + WANTED_FLAVOR + ") and a visible"
                + " NVIDIA GPU, given to DJL as PYTORCH_LIBRARY_PATH=<libtorch>/lib PYTORCH_VERSION=" + WANTED_VERSION
                + " PYTORCH_FLAVOR=" + WANTED_FLAVOR + " (the worker image in infra/ sets all three).");
    }

    private static String describe(Found found) {
        List<String> parts = new ArrayList<>();
        parts.add("engine PyTorch " + (found.engineVersion() == null ? "(not loaded)" : found.engineVersion()));
        if (found.loadError() == null) {
            parts.add("flavor " + found.flavor());
            parts.add("libtorch at " + (found.libtorchPath() == null ? "(unknown)" : found.libtorchPath()));
            parts.add(found.gpuCount() + " GPU(s)");
            parts.add("CUDA runtime " + (found.cudaRuntime() == null ? "none" : found.cudaRuntime()));
        }
        for (String name : ENV_VARS) {
            String value = found.env().get(name);
            parts.add(name + (value == null ? " unset" : "=" + value));
        }
        return String.join(", ", parts);
    }
}
