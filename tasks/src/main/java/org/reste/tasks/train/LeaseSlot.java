package org.reste.tasks.train;

import java.nio.file.Path;
import java.util.Optional;
import org.reste.tasks.io.Locations;

/**
 * Where a run's lease lives, with the few atomic steps a lease needs: create only if absent,
 * read, break a stale one so that only one breaker succeeds, renew, release. A local file
 * ({@link LocalLeaseSlot}) or a Cloud Storage object ({@link CloudLeaseSlot}); one slot object
 * per lease taken, so the cloud one can remember the generation it wrote.
 */
interface LeaseSlot {

    /** What was read: the content and the version it was read at (a generation; 0 for a local file). */
    record Seen(byte[] content, long version) {}

    /** Writes {@code content} only if no lease is there; false when one is. */
    boolean create(byte[] content);

    /** The lease there now; empty when there is none. */
    Optional<Seen> read();

    /** Removes the lease read as {@code stale}, unless it changed since; another breaker may win. */
    void breakStale(Seen stale);

    /** Replaces this process's lease by {@code content}; false when it is no longer this process's. */
    boolean renew(byte[] content);

    /** Removes this process's lease, unless it is no longer this process's. */
    void release();

    /** The slot for a lease file: on Cloud Storage when the path is gs://. */
    static LeaseSlot at(Path file) {
        return Locations.isCloud(file) ? new CloudLeaseSlot(file) : new LocalLeaseSlot(file);
    }
}
