package org.reste.tasks.train;

import java.nio.file.Path;
import java.util.Optional;
import org.reste.tasks.io.CloudObjects;
import org.reste.tasks.io.Locations;

/**
 * A lease as a Cloud Storage object. GCS has no rename or lock, but every write and delete can
 * carry a generation precondition: the lease is created with "does not exist", renewed and
 * released with "still the generation I wrote", and a stale one is deleted with "still the
 * generation I read". So of two processes only one takes a lease, and a holder whose lease was
 * broken learns it at its next renewal instead of overwriting its successor's.
 */
final class CloudLeaseSlot implements LeaseSlot {

    private final CloudObjects objects = new CloudObjects(Locations.storage());
    private final String bucket;
    private final String name;
    private long generation;

    CloudLeaseSlot(Path file) {
        this.bucket = Locations.bucket(file);
        this.name = Locations.objectName(file);
    }

    @Override
    public boolean create(byte[] content) {
        Optional<Long> written = objects.writeIf(bucket, name, null, content);
        written.ifPresent(g -> generation = g);
        return written.isPresent();
    }

    @Override
    public Optional<Seen> read() {
        return objects.read(bucket, name).map(stored -> new Seen(stored.content(), stored.generation()));
    }

    @Override
    public void breakStale(Seen stale) {
        objects.deleteIf(bucket, name, stale.version()); // false: another breaker or a renewal came first
    }

    @Override
    public boolean renew(byte[] content) {
        Optional<Long> written = objects.writeIf(bucket, name, generation, content);
        written.ifPresent(g -> generation = g);
        return written.isPresent();
    }

    @Override
    public void release() {
        objects.deleteIf(bucket, name, generation);
    }
}
