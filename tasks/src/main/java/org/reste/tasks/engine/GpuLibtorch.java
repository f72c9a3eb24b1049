package org.reste.tasks.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.reste.tasks.io.FileTrees;
import org.reste.tasks.io.UrlConnections;

/**
 * The libtorch for {@code --device gpu}, found or fetched before DJL's engine loads, so that a CUDA
 * machine needs nothing installed by hand. Our jar carries libtorch's CPU build, which DJL takes
 * on any machine; a GPU needs libtorch {@value GpuCheck#WANTED_VERSION} for CUDA 12.8 named through
 * PYTORCH_LIBRARY_PATH. In order: a PYTORCH_LIBRARY_PATH already given wins; else DJL's own cache
 * folder for that build ({@code ~/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64}); else it is fetched
 * there from DJL's published build (the files DJL itself downloads; each is gzip, whose CRC-32
 * and length are checked while it is read, and the folder appears only when every file arrived).
 * Without a network the error names the one variable to set and the folder to fill.
 */
public final class GpuLibtorch {

    /** DJL's published libtorch builds (the index lists paths, one a line). */
    public static final String DJL_BUILDS = "https://publish.djl.ai/pytorch/" + GpuCheck.WANTED_VERSION;
    /** The official archive with the same libraries, for a machine that cannot reach DJL's builds. */
    public static final String OFFICIAL_ARCHIVE = "https://download.pytorch.org/libtorch/cu128/"
            + "libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip";

    static final String CLASSIFIER = "linux-x86_64";
    static final String LIBRARY = "libtorch.so";

    private GpuLibtorch() {}

    /** The cache folder DJL names this build by. */
    public static Path folder(Path djlCache) {
        return djlCache.resolve(GpuCheck.WANTED_VERSION + "-" + GpuCheck.WANTED_FLAVOR + "-" + CLASSIFIER);
    }

    /**
     * The folder to give DJL as PYTORCH_LIBRARY_PATH, or empty when the environment already names
     * one (then DJL's own rules apply, and {@link GpuCheck} judges what loaded).
     *
     * @param env the process environment (PYTORCH_LIBRARY_PATH is read from it)
     * @param djlCache DJL's engine cache folder for pytorch
     * @param builds where DJL's builds are ({@link #DJL_BUILDS}; a file: URL in tests)
     * @param progress hears one line per file fetched
     * @throws IllegalStateException when the build is neither here nor fetchable, naming what to set
     */
    public static Optional<Path> locate(Map<String, String> env, Path djlCache, String builds, Consumer<String> progress) {
        String given = env.get("PYTORCH_LIBRARY_PATH");
        if (given != null && !given.isBlank()) {
            return Optional.empty();
        }
        Path folder = folder(djlCache);
        if (Files.isRegularFile(folder.resolve(LIBRARY))) {
            return Optional.of(folder);
        }
        try {
            fetch(folder, builds, progress);
        } catch (IOException e) {
            throw new IllegalStateException("--device gpu: libtorch " + GpuCheck.WANTED_VERSION + " for CUDA 12.8 is not in "
                    + folder + " and could not be fetched from " + builds + " (" + e + "). Set PYTORCH_LIBRARY_PATH to the"
                    + " lib/ folder of " + OFFICIAL_ARCHIVE + " unzipped, or put DJL's build of it in " + folder, e);
        }
        return Optional.of(folder);
    }

    /** Every file of the cu128 build for this platform into a temporary folder, renamed to {@code folder} at the end. */
    static void fetch(Path folder, String builds, Consumer<String> progress) throws IOException {
        String prefix = GpuCheck.WANTED_FLAVOR + "/" + CLASSIFIER + "/native/lib/";
        List<String> files = new ArrayList<>();
        try (InputStream index = UrlConnections.open(new URL(builds + "/files.txt")).getInputStream()) {
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.strip().startsWith(prefix) && line.strip().endsWith(".gz")) {
                    files.add(line.strip());
                }
            }
        }
        if (files.stream().noneMatch(f -> f.equals(prefix + LIBRARY + ".gz"))) {
            throw new IOException(builds + "/files.txt lists no " + prefix + LIBRARY + ".gz");
        }
        Files.createDirectories(folder.getParent());
        Path partial = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".partial-");
        try {
            for (String file : files) {
                String name = file.substring(prefix.length(), file.length() - ".gz".length());
                progress.accept("fetching " + builds + "/" + file);
                try (InputStream in = new GZIPInputStream(UrlConnections.open(new URL(builds + "/" + file)).getInputStream())) {
                    Files.copy(in, partial.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new IOException(builds + "/" + file + ": " + e.getMessage(), e);
                }
            }
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.deleteQuietly(partial);
        }
    }
}
