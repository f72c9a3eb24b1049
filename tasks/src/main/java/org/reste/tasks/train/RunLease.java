package org.reste.tasks.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.reste.tasks.io.Locations;

/**
 * One writer per run: before training, a process takes the run's lease, a file created only if
 * absent ({@code <root>/leases/<run_id>.lease}: who holds it and when it was last renewed), renews
 * it while it trains and deletes it when the run ends. A second process finds it held and skips
 * the run with a line naming the holder. A lease not renewed for {@link #STALE_AFTER} belongs to a
 * process that died (killed, machine lost): it is broken (moved aside, which only one breaker can
 * do) and the run is picked up. Renewal every {@link #RENEW_EVERY}; stale after ten missed
 * renewals, so a long pause of a live holder (GC, a slow disk) does not lose it its run.
 * Local folders only for now: on Cloud Storage the lease is not taken (README says so).
 */
public final class RunLease implements AutoCloseable {

    public static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    public static final Duration STALE_AFTER = RENEW_EVERY.multipliedBy(10);

    private final Path file;
    private final String holder;
    private final Instant taken;

    private RunLease(Path file, String holder, Instant taken) {
        this.file = file;
        this.holder = holder;
        this.taken = taken;
    }

    /** What a held lease says. */
    public record Holder(String holder, Instant taken, Instant renewed) {}

    /** Who this process is, for the lease file: host and pid. */
    public static String thisProcess() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    /**
     * Takes the lease of {@code file}, breaking a stale one; empty when a live holder has it
     * (then {@link #heldBy} says who). On Cloud Storage nothing is taken and a lease that holds
     * nothing is returned.
     */
    public static Optional<RunLease> take(Path file, String holder, Instant now) {
        if (Locations.isCloud(file)) {
            return Optional.of(new RunLease(null, holder, now));
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, text(holder, now, now), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return Optional.of(new RunLease(file, holder, now));
            } catch (FileAlreadyExistsException held) {
                Optional<Holder> current = heldBy(file);
                if (current.isPresent() && Duration.between(current.get().renewed(), now).compareTo(STALE_AFTER) < 0) {
                    return Optional.empty();
                }
                breakStale(file);
            } catch (IOException e) {
                throw new UncheckedIOException(Locations.show(file) + ": cannot take the run's lease", e);
            }
        }
        return Optional.empty(); // another process broke the stale lease and took it first
    }

    /** The holder a lease file names; empty when there is none (or it vanished meanwhile). */
    public static Optional<Holder> heldBy(Path file) {
        try {
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            return Optional.of(new Holder(value(lines, "holder"), Instant.parse(value(lines, "taken")),
                    Instant.parse(value(lines, "renewed"))));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            // a lease cut short by a kill mid-write: as good as stale
            return Optional.of(new Holder("unknown (unreadable lease)", Instant.EPOCH, Instant.EPOCH));
        }
    }

    /** Marks the lease as alive now. */
    public void renew(Instant now) {
        if (file == null) {
            return;
        }
        try {
            Path fresh = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.write(fresh, text(holder, taken, now));
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(file) + ": cannot renew the run's lease", e);
        }
    }

    /** Gives the run up: the lease file goes. */
    @Override
    public void close() {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(file) + ": cannot release the run's lease", e);
        }
    }

    private static void breakStale(Path file) {
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

    private static byte[] text(String holder, Instant taken, Instant renewed) {
        return ("holder=" + holder + "\ntaken=" + taken + "\nrenewed=" + renewed + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String value(String[] lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("no " + key);
    }
}
