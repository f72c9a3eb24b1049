package org.reste.tasks.io;

import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Cloud Storage call on transient errors (429 and 5xx, or what the client marks
 * retryable) with exponential backoff, and turns the errors that retrying cannot fix into one
 * message naming the object: missing rights (401/403) and, after the last attempt, the
 * transient error itself.
 */
public final class Retry {

    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

    /** 6 attempts, waits of 0.5, 1, 2, 4, 8 s: about 15 s, what GCS's guidance suggests for writes. */
    public static final Retry DEFAULT = new Retry(6, 500, 8_000, Thread::sleep);

    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** The call retried: a Cloud Storage request that may throw StorageException or IOException. */
    public interface Call<T> {
        T run() throws IOException;
    }

    private final int attempts;
    private final long firstWaitMillis;
    private final long maxWaitMillis;
    private final Sleeper sleeper;

    public Retry(int attempts, long firstWaitMillis, long maxWaitMillis, Sleeper sleeper) {
        this.attempts = attempts;
        this.firstWaitMillis = firstWaitMillis;
        this.maxWaitMillis = maxWaitMillis;
        this.sleeper = sleeper;
    }

    public <T> T call(String where, Call<T> call) {
        long wait = firstWaitMillis;
        for (int attempt = 1; ; attempt++) {
            StorageException error;
            try {
                return call.run();
            } catch (StorageException e) {
                error = e;
            } catch (IOException e) {
                if (!(e.getCause() instanceof StorageException cause)) {
                    throw new UncheckedIOException(where + ": " + e.getMessage(), e);
                }
                error = cause;
            }
            if (error.getCode() == 401 || error.getCode() == 403) {
                throw new IllegalStateException(where + ": access denied (HTTP " + error.getCode() + ": "
                        + error.getMessage() + "); the Application Default Credentials in use need read and write"
                        + " access to the bucket", error);
            }
            if (!isTransient(error)) {
                throw error;
            }
            if (attempt >= attempts) {
                throw new IllegalStateException(where + ": Cloud Storage still failing after " + attempts
                        + " attempts (HTTP " + error.getCode() + ": " + error.getMessage() + ")", error);
            }
            LOG.warn("{}: transient Cloud Storage error (HTTP {}: {}); attempt {} of {} in {} ms",
                    where, error.getCode(), error.getMessage(), attempt + 1, attempts, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(where + ": interrupted while waiting to retry", e);
            }
            wait = Math.min(maxWaitMillis, wait * 2);
        }
    }

    static boolean isTransient(StorageException e) {
        int code = e.getCode();
        return code == 429 || code == 408 || (code >= 500 && code < 600) || e.isRetryable();
    }
}
