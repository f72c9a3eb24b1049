package org.reste.tasks.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a libtorch folder states about itself, independent of what DJL is told: the
 * official libtorch archive has {@code build-version} beside its {@code lib/} ("2.7.1+cu128"), a
 * PyTorch wheel has {@code version.py} there ({@code __version__ = '2.11.0+cu130'}). DJL's
 * PYTORCH_VERSION only picks which JNI to load; pointed at a PyTorch 2.11 with PYTORCH_VERSION=2.7.1
 * it loads, reports 2.7.1 and CUDA, and fails at the first tensor (seen on an H200 on 2026-12-04,
 * {@code results/bench/gpu/}). DJL's own cache folders state nothing: then this is empty.
 */
final class LibtorchDeclaredVersion {

    private static final Pattern WHEEL_VERSION = Pattern.compile("^__version__\\s*=\\s*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);

    private LibtorchDeclaredVersion() {}

    /** What was found and in which file, for the message. */
    record Declared(String version, Path file) {}

    /** @param libraryFolder the folder holding libtorch.so (PYTORCH_LIBRARY_PATH or DJL's libtorch path) */
    static Optional<Declared> of(Path libraryFolder) {
        if (libraryFolder == null || libraryFolder.getParent() == null) {
            return Optional.empty();
        }
        Path parent = libraryFolder.getParent();
        Path buildVersion = parent.resolve("build-version");
        Optional<String> fromArchive = read(buildVersion).map(String::strip).filter(v -> !v.isEmpty());
        if (fromArchive.isPresent()) {
            return Optional.of(new Declared(fromArchive.get(), buildVersion));
        }
        Path wheelVersion = parent.resolve("version.py");
        return read(wheelVersion).map(WHEEL_VERSION::matcher).filter(Matcher::find)
                .map(m -> new Declared(m.group(1), wheelVersion));
    }

    /** Whether a declared version ("2.7.1+cu128", "2.7.1") is the release the JNI is built for. */
    static boolean isRelease(String declared, String release) {
        return declared.equals(release) || declared.startsWith(release + "+");
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
