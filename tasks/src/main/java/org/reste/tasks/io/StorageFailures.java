package org.reste.tasks.io;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Cloud Storage calls whose failures, once the client's own retries are spent (its
 * {@code RetrySettings}, set in {@link Locations}), end in one message naming the object:
 * missing rights (401/403) and a transient error (429, 408, 5xx) that outlasted every attempt.
 * Other answers (404, 412) reach the caller as the client's {@link StorageException}.
 */
final class StorageFailures {

    /** A Cloud Storage request that may throw StorageException, or IOException wrapping one. */
    interface Call<T> {
        T run() throws IOException;
    }

    private StorageFailures() {}

    static <T> T named(Storage storage, String where, Call<T> call) {
        try {
            return call.run();
        } catch (StorageException e) {
            throw named(storage, where, e);
        } catch (IOException e) {
            if (e.getCause() instanceof StorageException cause) {
                throw named(storage, where, cause);
            }
            throw new UncheckedIOException(where + ": " + e.getMessage(), e);
        }
    }

    static RuntimeException named(Storage storage, String where, StorageException error) {
        int code = error.getCode();
        if (code == 401 || code == 403) {
            return new IllegalStateException(where + ": access denied (HTTP " + code + ": " + error.getMessage()
                    + "); the Application Default Credentials in use need read and write access to the bucket", error);
        }
        if (code == 429 || code == 408 || (code >= 500 && code < 600) || error.isRetryable()) {
            int attempts = storage.getOptions().getRetrySettings().getMaxAttempts();
            return new IllegalStateException(where + ": Cloud Storage still failing after " + attempts
                    + " attempts (HTTP " + code + ": " + error.getMessage() + ")", error);
        }
        return error;
    }
}
