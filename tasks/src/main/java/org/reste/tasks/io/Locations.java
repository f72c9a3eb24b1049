package org.reste.tasks.io;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.contrib.nio.CloudStorageConfiguration;
import com.google.cloud.storage.contrib.nio.CloudStorageFileSystem;
import com.google.cloud.storage.contrib.nio.CloudStoragePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the location a user gives (a local path, or {@code gs://bucket/prefix}) into a
 * {@link Path}: local paths as they are, Cloud Storage ones through google-cloud-nio's file
 * system, so the rest of the code reads and writes both with {@code java.nio.file.Files}.
 *
 * <p>The {@link StorageOptions} behind every gs:// path and every direct {@link Storage} call
 * are set here, in one place: by default the real service with Application Default
 * Credentials; tests call {@link #useStorage} to point everything at an in-process fake.
 */
public final class Locations {

    public static final String GS = "gs://";

    /**
     * The client's retries of every Cloud Storage call (the only retries: nothing here loops
     * around them): 6 attempts, waits of 0.5, 1, 2, 4, 8 s, about 15 s, what GCS's guidance
     * suggests for writes.
     */
    static final RetrySettings RETRIES = ServiceOptions.getDefaultRetrySettings().toBuilder()
            .setMaxAttempts(6)
            .setInitialRetryDelayDuration(Duration.ofMillis(500))
            .setRetryDelayMultiplier(2)
            .setMaxRetryDelayDuration(Duration.ofSeconds(8))
            .build();

    private static StorageOptions options;

    private Locations() {}

    /** A local path, or a gs:// path; blank is refused with the option's name left to the caller. */
    public static Path of(String location) {
        if (!isCloud(location)) {
            return Path.of(location);
        }
        String rest = location.substring(GS.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException(location + ": no bucket name after gs://");
        }
        String object = slash < 0 ? "" : rest.substring(slash + 1);
        return CloudStorageFileSystem.forBucket(bucket, CloudStorageConfiguration.DEFAULT, storageOptions())
                .getPath("/" + object);
    }

    /** A gs:// location as it is; a local one relative to {@code base} (an absolute one stays itself). */
    public static Path of(Path base, String location) {
        return isCloud(location) ? of(location) : base.resolve(location);
    }

    /**
     * The one form of a folder that a job's option names: gs:// with its path normalized and no
     * trailing slash (a bucket's root is {@code gs://bucket/}), a local folder made absolute
     * against {@code base} and normalized. Beam jobs store this form in their options, so a
     * location reads the same in the driver, on workers and in records.
     *
     * @throws IllegalArgumentException naming {@code option} for a blank value, a gs:// without a
     *     bucket, or another scheme (s3://, file://, ...)
     */
    public static Path folder(String option, Path base, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
        if (value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !isCloud(value)) {
            throw new IllegalArgumentException(option + " " + value + ": only local folders and gs://bucket/prefix are supported");
        }
        // "gs://b/dir/" and "gs://b/dir" are one folder; without the slash they are one string too
        String location = isCloud(value) ? GS + value.substring(GS.length()).replaceAll("/+$", "") : value;
        try {
            return of(base, location).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }

    public static boolean isCloud(String location) {
        return location != null && location.startsWith(GS);
    }

    public static boolean isCloud(Path path) {
        return path instanceof CloudStoragePath;
    }

    /** The bucket of a gs:// path. */
    public static String bucket(Path path) {
        return ((CloudStoragePath) path).bucket();
    }

    /** The object name of a gs:// path (no leading slash). */
    public static String objectName(Path path) {
        String name = path.toAbsolutePath().normalize().toString();
        return name.startsWith("/") ? name.substring(1) : name;
    }

    /**
     * How a path is named in messages and records: {@code gs://bucket/object} for Cloud Storage,
     * the absolute path for a local file. (A gs:// Path's own toString drops the bucket.)
     */
    public static String show(Path path) {
        if (isCloud(path)) {
            return GS + bucket(path) + "/" + objectName(path);
        }
        return path.toAbsolutePath().toString();
    }

    /** The project root the launcher names ({@code -Dreste.root}), else the working directory. */
    public static Path projectRoot() {
        String root = System.getProperty("reste.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        return Files.isDirectory(path) ? path.toAbsolutePath().normalize() : Path.of("").toAbsolutePath();
    }

    /**
     * {@code description} with the local paths inside or beside {@code root} written relative to it
     * ({@code data/cifar10-sample/...}, {@code ../shared/data/...}), so the records two checkouts make
     * of the same data read alike; other paths and gs:// ones stay as they are.
     */
    public static String relativeTo(Path root, String description) {
        Path project = root.toAbsolutePath().normalize();
        String text = insideRelativeTo(project, description);
        Path parent = project.getParent();
        return parent == null || parent.getParent() == null ? text : replacePathPrefix(text, parent + "/", "../");
    }

    /** {@code description} with the local paths inside {@code root} written relative to it; all others as they are. */
    public static String insideRelativeTo(Path root, String description) {
        return replacePathPrefix(description, root.toAbsolutePath().normalize() + "/", "");
    }

    /** {@code prefix} where a path starts (text start, after a space or an opening bracket). */
    private static String replacePathPrefix(String text, String prefix, String replacement) {
        return Pattern.compile("(?<=^|[\\s(])" + Pattern.quote(prefix)).matcher(text)
                .replaceAll(Matcher.quoteReplacement(replacement));
    }

    /** The same location as a string Beam's FileSystems and the CLI understand. */
    public static String uri(Path path) {
        return show(path);
    }

    /** Points every later gs:// path and {@link #storage()} at {@code storageOptions} (tests: a fake). */
    public static synchronized void useStorage(StorageOptions storageOptions) {
        options = storageOptions;
        CloudObjects.forgetCheckedBuckets();
    }

    public static Storage storage() {
        return storageOptions().getService();
    }

    static synchronized StorageOptions storageOptions() {
        if (options == null) {
            options = StorageOptions.newBuilder().setCredentials(applicationDefaultCredentials()).setRetrySettings(RETRIES).build();
        }
        return options;
    }

    /** The credentials of the real service, or one message that says how to provide them. */
    static GoogleCredentials applicationDefaultCredentials() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new IllegalStateException("gs:// paths need Google Cloud credentials and none were found ("
                    + e.getMessage() + "); run `gcloud auth application-default login`, or set"
                    + " GOOGLE_APPLICATION_CREDENTIALS to a service account key file, or run on a machine"
                    + " with a service account (Application Default Credentials)", e);
        }
    }
}
