package org.reste.tasks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version a libtorch folder states itself, as the official archive and a PyTorch wheel lay it out. */
class LibtorchDeclaredVersionTest {

    @Test
    void theOfficialArchiveSaysItInBuildVersion(@TempDir Path libtorch) throws IOException {
        Files.createDirectories(libtorch.resolve("lib"));
        Files.writeString(libtorch.resolve("build-version"), "2.7.1+cu128\n");
        LibtorchDeclaredVersion.Declared declared = LibtorchDeclaredVersion.of(libtorch.resolve("lib")).orElseThrow();
        assertEquals("2.7.1+cu128", declared.version());
        assertEquals(libtorch.resolve("build-version"), declared.file());
    }

    @Test
    void aWheelSaysItInVersionPy(@TempDir Path torch) throws IOException {
        Files.createDirectories(torch.resolve("lib"));
        Files.writeString(torch.resolve("version.py"), "from typing import Optional\n\n__all__ = ['__version__']\n"
                + "__version__ = '2.11.0+cu130'\ndebug = False\ncuda: Optional[str] = '13.0'\n");
        assertEquals("2.11.0+cu130", LibtorchDeclaredVersion.of(torch.resolve("lib")).orElseThrow().version());
    }

    @Test
    void djlsCacheFolderSaysNothing(@TempDir Path cache) throws IOException {
        Path folder = Files.createDirectories(cache.resolve("2.7.1-cu128-linux-x86_64"));
        Files.writeString(folder.resolve("libtorch.so"), "");
        assertEquals(Optional.empty(), LibtorchDeclaredVersion.of(folder));
        assertEquals(Optional.empty(), LibtorchDeclaredVersion.of(null));
    }

    @Test
    void aReleaseMatchesWithOrWithoutItsLocalPart() {
        assertTrue(LibtorchDeclaredVersion.isRelease("2.7.1", "2.7.1"));
        assertTrue(LibtorchDeclaredVersion.isRelease("2.7.1+cu128", "2.7.1"));
        assertFalse(LibtorchDeclaredVersion.isRelease("2.7.10", "2.7.1"));
        assertFalse(LibtorchDeclaredVersion.isRelease("2.11.0+cu130", "2.7.1"));
    }
}
