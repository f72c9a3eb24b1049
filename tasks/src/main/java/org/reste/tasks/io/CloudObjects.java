package org.reste.tasks.io;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whole-object writes to Cloud Storage that never half-happen. GCS has no rename, but an upload
 * becomes visible only when it completes, so the object is uploaded whole, once, with a
 * generation precondition: a new object only if none exists, a replacement only of the
 * generation read just before. A writer that raced this one is reported, never overwritten.
 * The client retries transient errors (429, 5xx) itself, with the backoff {@link Locations} sets;
 * a missing bucket, missing rights, a transient error that outlasts the retries or a lost race
 * each get one message naming the object.
 */
public final class CloudObjects {

    /** Buckets seen to exist (or that these credentials may not inspect), so each is checked once. */
    private static final Set<String> CHECKED_BUCKETS = ConcurrentHashMap.newKeySet();

    private final Storage storage;

    public CloudObjects(Storage storage) {
        this.storage = storage;
    }

    /** The object at a gs:// path, through {@link Locations}' storage. */
    public static void write(Path target, byte[] bytes) {
        new CloudObjects(Locations.storage()).write(Locations.bucket(target), Locations.objectName(target), bytes);
    }

    /** Fails with one message when the bucket of a gs:// path does not exist; local paths pass. */
    public static void requireBucket(Path path) {
        if (Locations.isCloud(path)) {
            new CloudObjects(Locations.storage()).requireBucket(Locations.bucket(path));
        }
    }

    public void write(String bucket, String name, byte[] bytes) {
        String where = Locations.GS + bucket + "/" + name;
        requireBucket(bucket);
        Long expected = generation(bucket, name);
        if (writeIf(bucket, name, expected, bytes).isEmpty()) {
            Long now = generation(bucket, name);
            String found = now == null ? "no object" : "generation " + now;
            throw new ConcurrentWriteException(where + ": another writer changed the object while this one wrote"
                    + " (expected " + (expected == null ? "no object" : "generation " + expected)
                    + ", found " + found + "); this write was not applied");
        }
    }

    /** An object's content with the generation it was read at. */
    public record Stored(byte[] content, long generation) {}

    /** The object and its generation; empty when there is none. */
    public Optional<Stored> read(String bucket, String name) {
        Blob blob = blob(bucket, name);
        return blob == null ? Optional.empty() : Optional.of(new Stored(blob.getContent(), blob.getGeneration()));
    }

    /**
     * Creates the object only if none exists (or replaces exactly generation {@code expected}):
     * the new generation, or empty when another writer's object is there instead. The compare
     * and set of a lease; an upload of ours whose answer was lost counts as done.
     */
    public Optional<Long> writeIf(String bucket, String name, Long expected, byte[] bytes) {
        String where = Locations.GS + bucket + "/" + name;
        requireBucket(bucket);
        try {
            StorageFailures.named(storage, where, () -> {
                upload(bucket, name, expected, bytes);
                return null;
            });
            return Optional.ofNullable(generation(bucket, name));
        } catch (RuntimeException e) {
            // The service answers a failed precondition with 412 (the fake in other ways): what is
            // there now tells a lost race from an upload of ours that did land but whose answer was lost.
            Blob now;
            try {
                now = blob(bucket, name);
            } catch (RuntimeException lookFailed) {
                e.addSuppressed(lookFailed);
                throw e;
            }
            Long found = now == null ? null : now.getGeneration();
            if (found != null && !found.equals(expected) && Arrays.equals(now.getContent(), bytes)) {
                return Optional.of(found);
            }
            if (!Objects.equals(found, expected)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's current generation, null when there is none. */
    private Long generation(String bucket, String name) {
        Blob blob = blob(bucket, name);
        return blob == null ? null : blob.getGeneration();
    }

    /** The object's metadata (content fetched on demand), null when there is none. */
    private Blob blob(String bucket, String name) {
        return StorageFailures.named(storage, Locations.GS + bucket + "/" + name, () -> storage.get(BlobId.of(bucket, name)));
    }

    /** Deletes the object only while it is still generation {@code generation}; false when it was not. */
    public boolean deleteIf(String bucket, String name, long generation) {
        String where = Locations.GS + bucket + "/" + name;
        try {
            return storage.delete(BlobId.of(bucket, name, generation), Storage.BlobSourceOption.generationMatch());
        } catch (StorageException e) {
            if (e.getCode() == 412) {
                return false;
            }
            throw StorageFailures.named(storage, where, e);
        }
    }

    private void upload(String bucket, String name, Long expected, byte[] bytes) throws IOException {
        BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, name)).setContentType(contentType(name)).build();
        Storage.BlobWriteOption precondition = expected == null
                ? Storage.BlobWriteOption.doesNotExist()
                : Storage.BlobWriteOption.generationMatch(expected);
        try (WriteChannel channel = storage.writer(info, precondition)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    void requireBucket(String bucket) {
        if (CHECKED_BUCKETS.contains(bucket)) {
            return;
        }
        boolean exists;
        try {
            exists = storage.get(bucket) != null;
        } catch (StorageException e) {
            if (e.getCode() != 403) {
                throw StorageFailures.named(storage, Locations.GS + bucket, e);
            }
            exists = true; // may write objects but not read bucket metadata: the writes themselves will tell
        }
        if (!exists) {
            throw new IllegalArgumentException(Locations.GS + bucket + ": the bucket does not exist (check the name"
                    + " and the project; this program does not create buckets)");
        }
        CHECKED_BUCKETS.add(bucket);
    }

    /** Forgets which buckets were checked (when the storage behind {@link Locations} changes). */
    static void forgetCheckedBuckets() {
        CHECKED_BUCKETS.clear();
    }

    private static String contentType(String name) {
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".md")) {
            return "text/markdown";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }

    /** Another writer replaced or created the object between this writer's read and its upload. */
    public static final class ConcurrentWriteException extends IllegalStateException {
        ConcurrentWriteException(String message) {
            super(message);
        }
    }
}
