package org.reste.tasks.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.reste.tasks.io.Locations;

/**
 * A lease as a local file: created with CREATE_NEW (atomic on every local file system), renewed
 * by an atomic rename over it, broken by an atomic rename aside (of two breakers, one finds the
 * file gone).
 */
final class LocalLeaseSlot implements LeaseSlot {

    private final Path file;
    private byte[] written;

    LocalLeaseSlot(Path file) {
        this.file = file;
    }

    @Override
    public boolean create(byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            written = content;
            return true;
        } catch (FileAlreadyExistsException held) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(file) + ": cannot take the run's lease", e);
        }
    }

    @Override
    public Optional<Seen> read() {
        try {
            return Optional.of(new Seen(Files.readAllBytes(file), 0));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(file) + ": cannot read the run's lease", e);
        }
    }

    @Override
    public void breakStale(Seen stale) {
        Path aside = file.resolveSibling(file.getFileName() + ".stale-" + UUID.randomUUID());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(aside);
        } catch (NoSuchFileException | AtomicMoveNotSupportedException someoneElse) {
            // another process broke it first; the next create decides
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(file) + ": cannot break the stale lease", e);
        }
    }

    @Override
    public boolean renew(byte[] content) {
        if (!stillMine()) {
            return false;
        }
        try {
            Path fresh = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(fresh, content);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written = content;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(file) + ": cannot renew the run's lease", e);
        }
    }

    @Override
    public void release() {
        if (!stillMine()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(file) + ": cannot release the run's lease", e);
        }
    }

    private boolean stillMine() {
        return read().map(seen -> Arrays.equals(seen.content(), written)).orElse(false);
    }
}
