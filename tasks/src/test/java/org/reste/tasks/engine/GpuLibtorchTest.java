package org.reste.tasks.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding or fetching the CUDA libtorch, against a fabricated copy of DJL's published builds (file: URLs). */
class GpuLibtorchTest {

    @TempDir
    Path tmp;

    private static final String LIB = "cu128/linux-x86_64/native/lib/";

    /** A builds folder whose index lists a cu128 build of two files and a CPU build of one. */
    private String builds() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("builds"));
        Files.writeString(dir.resolve("files.txt"), String.join("\n", LIB + "libtorch.so.gz", LIB + "libc10_cuda.so.gz",
                "cpu/linux-x86_64/native/lib/libtorch.so.gz") + "\n");
        gz(dir.resolve(LIB + "libtorch.so.gz"), "torch for cuda");
        gz(dir.resolve(LIB + "libc10_cuda.so.gz"), "c10 for cuda");
        gz(dir.resolve("cpu/linux-x86_64/native/lib/libtorch.so.gz"), "torch for cpu");
        return dir.toUri().toString().replaceAll("/$", "");
    }

    private static void gz(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void fetchesTheCudaBuildIntoDjlsCacheFolderOnceAndThenUsesIt() throws IOException {
        String builds = builds();
        Path cache = tmp.resolve("djl-cache");
        List<String> progress = new ArrayList<>();
        Optional<Path> folder = GpuLibtorch.locate(Map.of(), cache, builds, progress::add);
        assertEquals(Optional.of(cache.resolve("2.7.1-cu128-linux-x86_64")), folder);
        assertEquals("torch for cuda", Files.readString(folder.get().resolve("libtorch.so")));
        assertEquals("c10 for cuda", Files.readString(folder.get().resolve("libc10_cuda.so")));
        assertEquals(2, progress.size(), "one line per file fetched: " + progress);
        try (var files = Files.list(cache)) {
            assertEquals(List.of(folder.get()), files.toList(), "no partial folder left");
        }
        // Second time: found in the cache, nothing fetched (the builds are gone).
        Path gone = tmp.resolve("builds").resolve("files.txt");
        Files.delete(gone);
        assertEquals(folder, GpuLibtorch.locate(Map.of(), cache, builds, line -> {
            throw new AssertionError("fetched again: " + line);
        }));
    }

    @Test
    void aGivenLibraryPathWinsAndNothingIsFetched() {
        assertTrue(GpuLibtorch.locate(Map.of("PYTORCH_LIBRARY_PATH", "/opt/libtorch/lib"), tmp.resolve("cache"),
                "file:///nowhere", line -> {
                    throw new AssertionError(line);
                }).isEmpty());
    }

    @Test
    void withoutANetworkTheErrorNamesTheVariableAndTheFolder() {
        Path cache = tmp.resolve("cache");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GpuLibtorch.locate(Map.of(), cache, "file://" + tmp.resolve("unreachable"), line -> {}));
        assertTrue(e.getMessage().contains("Set PYTORCH_LIBRARY_PATH to the lib/ folder of " + GpuLibtorch.OFFICIAL_ARCHIVE),
                e.getMessage());
        assertTrue(e.getMessage().contains("or put DJL's build of it in " + GpuLibtorch.folder(cache)), e.getMessage());
        assertFalse(Files.exists(GpuLibtorch.folder(cache)));
    }

    @Test
    void aDamagedFileLeavesNoFolderBehindAndIsNamed() throws IOException {
        String builds = builds();
        Path damaged = tmp.resolve("builds").resolve(LIB + "libc10_cuda.so.gz");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 5] ^= 0x55; // the gzip trailer's CRC-32
        Files.write(damaged, bytes);
        Path cache = tmp.resolve("cache");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GpuLibtorch.locate(Map.of(), cache, builds, line -> {}));
        assertTrue(e.getMessage().contains("libc10_cuda.so.gz"), e.getMessage());
        try (var files = Files.list(cache)) {
            assertArrayEquals(new Object[0], files.toArray(), "neither the build folder nor a partial one");
        }
    }
}
