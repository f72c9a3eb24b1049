package org.reste.tasks.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.train.PathRunStore;

/** What a killed write leaves is removed when its run ends; a failed write says why. */
class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aFinishedRunsCheckpointTakesTheTempFilesOfKilledWritesWithIt() throws IOException {
        PathRunStore store = new PathRunStore(tmp);
        store.writeCheckpoint("run-a", new byte[] {1, 2});
        Path dir = tmp.resolve("checkpoints");
        Path leftover = Files.writeString(dir.resolve(".run-a.ckpt4711.tmp"), "half a checkpoint");
        Path other = Files.writeString(dir.resolve(".run-b.ckpt99.tmp"), "another run's, still being written");
        store.deleteCheckpoint("run-a");
        assertFalse(Files.exists(dir.resolve("run-a.ckpt")));
        assertFalse(Files.exists(leftover), "the killed write's temp file is gone");
        assertTrue(Files.exists(other), "another run's temp file is left alone");
    }

    @Test
    void aWriteThatCannotHappenSaysWhy() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(file.resolve("record.json"), new byte[] {1}));
        assertTrue(e.getMessage().startsWith(file.resolve("record.json") + ": write failed: a file is in the way, not a folder"),
                e.getMessage());
        String tooLong = "x".repeat(300);
        UncheckedIOException name = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(tmp.resolve(tooLong), new byte[] {1}));
        assertEquals("File name too long", name.getMessage().substring(name.getMessage().lastIndexOf(": ") + 2), name.getMessage());
    }
}
