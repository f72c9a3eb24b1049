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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whole-object writes to Cloud Storage that never half-happen. GCS has no rename, but an upload
 * becomes visible only when it completes, so the object is uploaded whole, once, with a
 * generation precondition: a new object only if none exists, a replacement only of the
 * generation read just before. A writer that raced this one is reported, never overwritten.
 * Transient errors (429, 5xx) are retried with backoff; a missing bucket, missing rights or a
 * lost race each get one message naming the object.
 */
public final class CloudObjects {

    /** Buckets seen to exist (or that these credentials may not inspect), so each is checked once. */
    private static final Set<String> CHECKED_BUCKETS = ConcurrentHashMap.newKeySet();

    private final Storage storage;
    private final Retry retry;

    public CloudObjects(Storage storage, Retry retry) {
        this.storage = storage;
        this.retry = retry;
    }

    /** The object at a gs:// path, through {@link Locations}' storage. */
    public static void write(Path target, byte[] bytes) {
        new CloudObjects(Locations.storage(), Retry.DEFAULT).write(Locations.bucket(target), Locations.objectName(target), bytes);
    }

    /** Fails with one message when the bucket of a gs:// path does not exist; local paths pass. */
    public static void requireBucket(Path path) {
        if (Locations.isCloud(path)) {
            new CloudObjects(Locations.storage(), Retry.DEFAULT).requireBucket(Locations.bucket(path));
        }
    }

    public void write(String bucket, String name, byte[] bytes) {
        String where = Locations.GS + bucket + "/" + name;
        requireBucket(bucket);
        Blob current = retry.call(where, () -> storage.get(BlobId.of(bucket, name)));
        Long expected = current == null ? null : current.getGeneration();
        try {
            retry.call(where, () -> {
                upload(bucket, name, expected, bytes);
                return null;
            });
        } catch (RuntimeException e) {
            // The service answers a failed precondition with 412 (the fake in other ways): look at
            // what is there now to tell a lost race from an upload of ours that did land.
            Blob now;
            try {
                now = storage.get(BlobId.of(bucket, name));
            } catch (RuntimeException lookFailed) {
                e.addSuppressed(lookFailed);
                throw e;
            }
            Long found = now == null ? null : now.getGeneration();
            if (found != null && !found.equals(expected)) {
                if (Arrays.equals(now.getContent(), bytes)) {
                    return; // an earlier attempt of this write completed; its answer was lost
                }
                throw new ConcurrentWriteException(where + ": another writer changed the object while this one wrote"
                        + " (expected " + (expected == null ? "no object" : "generation " + expected)
                        + ", found generation " + found + "); this write was not applied", e);
            }
            throw e;
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
        try {
            if (retry.call(Locations.GS + bucket, () -> storage.get(bucket)) == null) {
                throw new IllegalArgumentException(Locations.GS + bucket + ": the bucket does not exist (check the name"
                        + " and the project; this program does not create buckets)");
            }
        } catch (StorageException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            // may write objects but not read bucket metadata: the writes themselves will tell
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
        ConcurrentWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
