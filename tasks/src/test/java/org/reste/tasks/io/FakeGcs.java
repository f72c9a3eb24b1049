package org.reste.tasks.io;

import com.google.api.services.storage.model.Bucket;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.cloud.storage.spi.v1.StorageRpc;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cloud Storage in this process, for tests: google-cloud-nio's fake service (the one behind its
 * {@link LocalStorageHelper}), wrapped to add what tests of this project need and it lacks: buckets
 * that exist or not (an upload or listing in another bucket fails with the service's 404),
 * generations that grow with every completed upload (its own restart at 1), generation
 * preconditions on deletes (it ignores them), transient errors on demand, and one hook that runs
 * just before the next upload starts (a racing writer).
 *
 * <p>{@link #install} points {@link Locations} (gs:// paths and direct Storage calls) at it; the
 * client retries as it does against the real service ({@link #ATTEMPTS} attempts, waits of a millisecond).
 */
public final class FakeGcs {

    /** The client's attempts per call against the fake: the first and two retries. */
    public static final int ATTEMPTS = 3;

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Set<String> buckets;
    private final AtomicInteger failingUploads = new AtomicInteger();
    private volatile int failureCode;
    private volatile Runnable beforeNextUpload;
    private final AtomicInteger uploads = new AtomicInteger();
    private final StorageRpc fake;
    private final StorageOptions options;

    private FakeGcs(Set<String> buckets) {
        this.buckets = buckets;
        this.fake = (StorageRpc) LocalStorageHelper.customOptions(false).getRpc();
        StorageRpc service = (StorageRpc) Proxy.newProxyInstance(StorageRpc.class.getClassLoader(),
                new Class<?>[] {StorageRpc.class}, (proxy, method, args) -> call(method, args));
        this.options = StorageOptions.newBuilder()
                // a project of its own: google-cloud-nio caches file systems by equal StorageOptions,
                // and one fake's paths must never reach another's objects
                .setProjectId("fake-project-" + INSTANCES.incrementAndGet())
                .setServiceRpcFactory(storageOptions -> service)
                .setRetrySettings(Locations.RETRIES.toBuilder().setMaxAttempts(ATTEMPTS)
                        .setInitialRetryDelayDuration(Duration.ofMillis(1)).setMaxRetryDelayDuration(Duration.ofMillis(1)).build())
                .build();
    }

    /** A fake holding the given (empty) buckets, installed behind {@link Locations}. */
    public static FakeGcs install(String... buckets) {
        FakeGcs fake = new FakeGcs(Set.of(buckets));
        Locations.useStorage(fake.options);
        return fake;
    }

    /** Back to the real service (tests call this when done). */
    public static void uninstall() {
        Locations.useStorage(null);
    }

    public Storage storage() {
        return options.getService();
    }

    /** The next {@code count} uploads fail with HTTP {@code code} before writing anything. */
    public void failNextUploads(int count, int code) {
        failureCode = code;
        failingUploads.set(count);
    }

    /** Runs {@code action} once, just before the next upload starts (after the writer read the generation). */
    public void beforeNextUpload(Runnable action) {
        beforeNextUpload = action;
    }

    /** Uploads started so far (failed ones included). */
    public int uploads() {
        return uploads.get();
    }

    public boolean exists(String uri) {
        return blob(uri) != null;
    }

    public byte[] read(String uri) {
        Blob blob = blob(uri);
        if (blob == null) {
            throw new AssertionError(uri + " does not exist in the fake");
        }
        return blob.getContent();
    }

    public long generation(String uri) {
        return blob(uri).getGeneration();
    }

    /** gs:// URIs of every object whose name starts with the prefix of {@code uriPrefix}, sorted. */
    public List<String> list(String uriPrefix) {
        BlobId id = id(uriPrefix);
        List<String> names = new ArrayList<>();
        storage().list(id.getBucket(), Storage.BlobListOption.prefix(id.getName()))
                .iterateAll().forEach(b -> names.add("gs://" + b.getBucket() + "/" + b.getName()));
        names.sort(null);
        return names;
    }

    private Blob blob(String uri) {
        return storage().get(id(uri));
    }

    private static BlobId id(String uri) {
        String rest = uri.substring("gs://".length());
        int slash = rest.indexOf('/');
        return BlobId.of(rest.substring(0, slash), rest.substring(slash + 1));
    }

    // ---- the service: the fake's answers, except for these calls ----

    @SuppressWarnings("unchecked")
    private Object call(Method method, Object[] args) throws Throwable {
        String name = method.getName();
        Class<?>[] types = method.getParameterTypes();
        if (name.equals("get") && types[0] == Bucket.class) {
            Bucket bucket = (Bucket) args[0];
            return buckets.contains(bucket.getName()) ? new Bucket().setName(bucket.getName()) : null;
        }
        if (name.equals("open") && types[0] == StorageObject.class) {
            return open((StorageObject) args[0], (Map<StorageRpc.Option, ?>) args[1]);
        }
        if (name.equals("create") && types[0] == StorageObject.class) {
            requireBucket(((StorageObject) args[0]).getBucket());
        }
        if (name.equals("delete") && types[0] == StorageObject.class) {
            requireGenerationMatch((StorageObject) args[0], (Map<StorageRpc.Option, ?>) args[1]);
        }
        if (name.equals("list") && types[0] == String.class) {
            requireBucket((String) args[0]);
        }
        try {
            return method.invoke(fake, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private String open(StorageObject object, Map<StorageRpc.Option, ?> options) {
        requireBucket(object.getBucket());
        uploads.incrementAndGet();
        Runnable hook = beforeNextUpload;
        if (hook != null) {
            beforeNextUpload = null;
            hook.run();
        }
        if (failingUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StorageException(failureCode, "injected transient failure");
        }
        StorageObject previous = fake.get(object, Map.of());
        Long generation = previous == null ? null : previous.getGeneration();
        String upload = fake.open(object, options); // checks the generation precondition
        object.setGeneration(generation); // the completed upload adds one to it
        return upload;
    }

    /** The service's precondition on deletes, which the fake ignores: 412 unless the generation matches. */
    private void requireGenerationMatch(StorageObject object, Map<StorageRpc.Option, ?> options) {
        Object wanted = options.get(StorageRpc.Option.IF_GENERATION_MATCH);
        if (wanted == null) {
            return;
        }
        StorageObject current = fake.get(object, Map.of());
        if (current != null && !Long.valueOf(((Number) wanted).longValue()).equals(current.getGeneration())) {
            throw new StorageException(412, "conditionNotMet: generation " + current.getGeneration() + ", not " + wanted);
        }
    }

    private void requireBucket(String bucket) {
        if (!buckets.contains(bucket)) {
            throw new StorageException(404, "The specified bucket does not exist.");
        }
    }
}
