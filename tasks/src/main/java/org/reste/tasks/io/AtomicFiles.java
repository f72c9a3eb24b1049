package org.reste.tasks.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Whole-file writes that never half-happen, so a reader sees the old file or the new one. Local
 * files: the bytes go to a temp file in the target's folder, which is then renamed over the
 * target. Cloud Storage (gs:// paths from {@link Locations}): the object is uploaded whole with a
 * generation precondition ({@link CloudObjects}).
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code target} atomically, creating its folder; returns the target. */
    public static Path write(Path target, byte[] bytes) {
        if (Locations.isCloud(target)) {
            CloudObjects.write(target, bytes);
            return target;
        }
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(target.toAbsolutePath() + ": write failed", e);
        }
    }
}
