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
            throw new UncheckedIOException(target.toAbsolutePath() + ": write failed: " + why(e), e);
        }
    }

    /**
     * Deletes the temp files a killed {@link #write} of {@code target} left in its folder
     * ({@code .<name><random>.tmp}); call where no write of it can be under way (its run ended).
     */
    public static void removeLeftovers(Path target) {
        if (Locations.isCloud(target)) {
            return; // an object upload leaves no temp file
        }
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot remove the temp files of " + target.getFileName() + ": " + why(e), e);
        }
    }

    /** The reason in words: not a directory, read-only, no such folder, disk full (the OS's own text). */
    static String why(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (read-only or not yours)";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder: " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
            return "a file is in the way, not a folder: " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason(); // e.g. "No space left on device", "File name too long"
        }
        return e.toString();
    }
}
