package org.reste.tasks.train;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One writer per run: before training, a process takes the run's lease, written only if absent
 * ({@code <root>/leases/<run_id>.lease}: who holds it and when it was last renewed; a local file
 * or a Cloud Storage object, see {@link LeaseSlot}), renews it while it trains and removes it when
 * the run ends. A second process finds it held and skips the run with a line naming the holder.
 * A lease not renewed for {@link #STALE_AFTER} belongs to a process that died (killed, machine
 * lost): it is broken (so that only one breaker wins) and the run is picked up. Renewal every
 * {@link #RENEW_EVERY}; stale after ten missed renewals, so a long pause of a live holder (GC, a
 * slow disk, a Cloud Storage retry of 15 s) or clocks a minute apart do not lose it its run.
 */
public final class RunLease implements AutoCloseable {

    public static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    public static final Duration STALE_AFTER = RENEW_EVERY.multipliedBy(10);

    private final LeaseSlot slot;
    private final String holder;
    private final Instant taken;

    private RunLease(LeaseSlot slot, String holder, Instant taken) {
        this.slot = slot;
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
     * (then {@link #heldBy} says who).
     */
    public static Optional<RunLease> take(Path file, String holder, Instant now) {
        LeaseSlot slot = LeaseSlot.at(file);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (slot.create(text(holder, now, now))) {
                return Optional.of(new RunLease(slot, holder, now));
            }
            Optional<LeaseSlot.Seen> current = slot.read();
            if (current.isEmpty()) {
                continue; // released meanwhile: try again
            }
            if (Duration.between(parse(current.get().content()).renewed(), now).compareTo(STALE_AFTER) < 0) {
                return Optional.empty();
            }
            slot.breakStale(current.get());
        }
        return Optional.empty(); // another process broke the stale lease and took it first
    }

    /** The holder a lease file names; empty when there is none (or it vanished meanwhile). */
    public static Optional<Holder> heldBy(Path file) {
        return LeaseSlot.at(file).read().map(seen -> parse(seen.content()));
    }

    /**
     * Marks the lease as alive now; false when it is no longer this process's (it went stale,
     * was broken and taken by another), and then nothing is written over the new holder's.
     */
    public boolean renew(Instant now) {
        return slot.renew(text(holder, taken, now));
    }

    /** Gives the run up: the lease goes (unless another process holds it by now). */
    @Override
    public void close() {
        slot.release();
    }

    private static byte[] text(String holder, Instant taken, Instant renewed) {
        return ("holder=" + holder + "\ntaken=" + taken + "\nrenewed=" + renewed + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Holder parse(byte[] content) {
        try {
            String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
            return new Holder(value(lines, "holder"), Instant.parse(value(lines, "taken")), Instant.parse(value(lines, "renewed")));
        } catch (RuntimeException unreadable) {
            // a lease cut short by a kill mid-write: as good as stale
            return new Holder("unknown (unreadable lease)", Instant.EPOCH, Instant.EPOCH);
        }
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
