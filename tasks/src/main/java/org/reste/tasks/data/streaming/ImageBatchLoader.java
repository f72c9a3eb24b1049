package org.reste.tasks.data.streaming;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.DeviceImages;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.data.image.EncodedImage;
import org.reste.tasks.data.image.ImageDecoder;
import org.reste.tasks.data.image.ImageTransform;
import org.reste.tasks.data.image.RandomResizedCrop;
import org.reste.tasks.data.image.ResizeCenterCrop;
import org.reste.tasks.data.image.RgbImage;
import org.reste.tasks.data.raw.ImageFolder;
import org.reste.tasks.data.raw.LabelledFile;

/**
 * One epoch of an image split, streamed from files in batches: the ImageNet data path, where a
 * split (140 GB of JPEGs) cannot sit on the device as CIFAR's does ({@link DeviceImages}).
 *
 * <p>Images are visited in a fixed order ({@link #order}: a permutation of the split drawn from
 * the seed and the epoch, or the listing order) and cut into batches of
 * {@link LoaderOptions#batchSize()}. A pool of {@link LoaderOptions#threads()} threads decodes
 * ({@link ImageDecoder}) and transforms ({@link ImageTransform}) each image straight into its
 * batch's array. At most {@link LoaderOptions#prefetch()} batches are in work ahead of the one the
 * caller holds, so memory stays flat however slow the consumer is. Batches come out in order.
 *
 * <p>Deterministic: image {@code i} of the split in epoch {@code e} is transformed with its own
 * {@link Random} from {@code (seed, e, i)} ({@link #imageRandom}), so the bytes do not depend on
 * the thread count, on timing, on the batch size or on where the image falls in the order.
 *
 * <p>A file that cannot be read or decoded ends the epoch: {@link #next()} throws a
 * {@link DatasetException} naming it (the first bad file of the batch, by position, so the message
 * is the same on every run) and the loader closes. {@link #close()} stops the threads at once,
 * also mid-epoch; one loader serves one epoch, so open a new one per epoch (a pool start is
 * nothing next to an epoch of decoding).
 *
 * <p>How a training loop uses it (one step per batch; the arrays land on the step's manager):
 *
 * <pre>{@code
 * ImageFolder folder = ImageFolder.open(root);
 * List<LabelledFile> train = folder.files(ImageFolder.Split.TRAIN);
 * LoaderOptions options = LoaderOptions.training(spec.batch(), spec.seed()).withDropLast(true);
 * Normalization normalization = Normalization.paper();
 * for (int epoch = ...) {
 *     try (ImageBatchLoader batches = ImageBatchLoader.open(train, RandomResizedCrop.paper(), options, epoch)) {
 *         while (batches.hasNext()) {
 *             ImageBatch batch = batches.next();          // waits only if decoding is behind
 *             try (StepScope scope = StepScope.open(root, network.block())) {
 *                 ImageBatch.Tensors t = batch.toDevice(scope.manager());
 *                 NDArray images = normalization.apply(t.pixels());
 *                 step.run(images, t.labels(), lr);
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * Evaluation is the same with {@code folder.files(Split.VAL)}, {@link ResizeCenterCrop#paper()} and
 * {@link LoaderOptions#evaluation}. {@code dropLast} (or skipping a batch of one) keeps BatchNorm
 * from seeing a single-image batch, as the trainer's CIFAR path does. {@link #waitNanos()} tells
 * how long the consumer stood waiting for data: near zero means the device, not decoding, sets the
 * pace.
 *
 * <p>Not thread-safe: one consumer thread calls {@link #hasNext()}, {@link #next()} and
 * {@link #close()}.
 */
public final class ImageBatchLoader implements Iterator<ImageBatch>, AutoCloseable {

    private static final AtomicInteger LOADERS = new AtomicInteger();
    /** Prefix of the decoding threads' names. */
    public static final String THREAD_PREFIX = "image-loader-";

    private final List<? extends EncodedImage> files;
    private final ImageTransform transform;
    private final LoaderOptions options;
    private final int epoch;
    private final int[] order;
    private final int batches;
    private final ExecutorService pool;
    private final IntConsumer onSubmit;
    private final ArrayDeque<PendingBatch> pending = new ArrayDeque<>();
    private int submitted;
    private int delivered;
    private long waitNanos;
    private volatile boolean closed;

    private ImageBatchLoader(List<? extends EncodedImage> files, ImageTransform transform, LoaderOptions options, int epoch,
                             int[] order, IntConsumer onSubmit) {
        this.files = files;
        this.transform = transform;
        this.options = options;
        this.epoch = epoch;
        this.order = order;
        this.batches = options.batches(order.length);
        this.onSubmit = onSubmit;
        String name = THREAD_PREFIX + LOADERS.incrementAndGet() + "-";
        AtomicInteger threadCount = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(options.threads(), options.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + threadCount.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        topUp();
    }

    /** Epoch {@code epoch} of {@code files} in the order the options give ({@link #order}). */
    public static ImageBatchLoader open(List<? extends EncodedImage> files, ImageTransform transform, LoaderOptions options, int epoch) {
        return open(files, transform, options, epoch, order(files.size(), options.seed(), epoch, options.shuffle()));
    }

    /** Epoch {@code epoch} of {@code files} in a given order (indices into {@code files}). */
    public static ImageBatchLoader open(List<? extends EncodedImage> files, ImageTransform transform, LoaderOptions options, int epoch,
                                        int[] order) {
        return open(files, transform, options, epoch, order, batch -> {});
    }

    /** As above, with a hook told each batch number as its decoding is handed to the pool (for tests). */
    static ImageBatchLoader open(List<? extends EncodedImage> files, ImageTransform transform, LoaderOptions options, int epoch,
                                 int[] order, IntConsumer onSubmit) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(options, "options");
        for (int index : order) {
            if (index < 0 || index >= files.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "order holds %d, outside the split's 0..%d", index, files.size() - 1));
            }
        }
        return new ImageBatchLoader(List.copyOf(files), transform, options, epoch, order.clone(), onSubmit);
    }

    /**
     * The visiting order of an epoch: {@code 0..n-1}, or with {@code shuffle} a Fisher-Yates
     * permutation from {@code new Random(seed * 1_000_003 + epoch)} (the trainer's CIFAR formula).
     */
    public static int[] order(int n, long seed, int epoch, boolean shuffle) {
        if (shuffle) {
            return EpochOrder.permutation(n, EpochOrder.random(seed, epoch));
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The random stream image {@code index} of the split is transformed with in {@code epoch}. */
    public static Random imageRandom(long seed, int epoch, int index) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h + 0x9E3779B97F4A7C15L * (epoch + 1L));
        h = mix(h + 0xC2B2AE3D27D4EB4FL * (index + 1L));
        return new Random(h);
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Batches this epoch delivers. */
    public int batches() {
        return batches;
    }

    /** Images this epoch delivers (all of the order unless the last batch is dropped). */
    public int images() {
        return Math.min(order.length, batches * options.batchSize());
    }

    public int epoch() {
        return epoch;
    }

    /** Total time {@link #next()} has spent waiting for decoding, in nanoseconds. */
    public long waitNanos() {
        return waitNanos;
    }

    @Override
    public boolean hasNext() {
        return !closed && delivered < batches;
    }

    /**
     * The next batch, in order; waits for its decoding if needed.
     *
     * @throws DatasetException if one of its files cannot be read or decoded (the loader closes)
     * @throws NoSuchElementException after the last batch
     * @throws IllegalStateException once closed
     */
    @Override
    public ImageBatch next() {
        if (closed) {
            throw new IllegalStateException("image loader for epoch " + epoch + " is closed");
        }
        if (delivered >= batches) {
            throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches, all delivered");
        }
        topUp();
        PendingBatch head = pending.poll();
        long t0 = System.nanoTime();
        ImageBatch batch;
        try {
            batch = head.result.get();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for batch " + head.number + " of epoch " + epoch, e);
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof DatasetException d) {
                throw new DatasetException(d.getMessage(), d);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("batch " + head.number + " of epoch " + epoch + " failed: " + cause, cause);
        } finally {
            waitNanos += System.nanoTime() - t0;
        }
        delivered++;
        topUp();
        return batch;
    }

    /** Stops the threads, dropping work in progress; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.shutdownNow();
        for (PendingBatch batch : pending) {
            batch.result.cancel(false);
        }
        pending.clear();
        try {
            // Tasks check `closed` before each image and decoding one takes milliseconds.
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("image loader threads did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every decoding thread has ended (after {@link #close()}). */
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    /** Hands batches to the pool until {@code prefetch} are in work ahead of the delivered ones. */
    private void topUp() {
        while (!closed && submitted < batches && pending.size() < options.prefetch()) {
            PendingBatch batch = new PendingBatch(submitted);
            pending.add(batch);
            onSubmit.accept(submitted);
            submitted++;
            // The pool allocates the pixel array (113 MB at batch 750) and fans out the images,
            // so the consumer's thread, which feeds the device, does neither.
            pool.execute(batch::start);
        }
    }

    /** A batch being filled by the pool; completes once every slot is done, successfully or not. */
    private final class PendingBatch {
        final int number;
        final int[] indices;
        final int[] labels;
        private byte[] pixels;
        final CompletableFuture<ImageBatch> result = new CompletableFuture<>();
        private final AtomicInteger remaining;
        private final Throwable[] failures;

        PendingBatch(int number) {
            this.number = number;
            int from = number * options.batchSize();
            int to = Math.min(order.length, from + options.batchSize());
            this.indices = new int[to - from];
            this.labels = new int[to - from];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = order[from + i];
                labels[i] = files.get(indices[i]).label();
            }
            this.remaining = new AtomicInteger(indices.length);
            this.failures = new Throwable[indices.length];
        }

        /** On a pool thread: allocate, then queue one task per image (behind earlier batches' tasks). */
        void start() {
            if (closed) {
                return;
            }
            try {
                pixels = new byte[indices.length * transform.outputBytes()];
                for (int slot = 0; slot < indices.length; slot++) {
                    int s = slot;
                    pool.execute(() -> fill(s));
                }
            } catch (RejectedExecutionException e) {
                if (!closed) {
                    result.completeExceptionally(e);
                }
            } catch (Throwable e) { // out of memory, most likely: the consumer must hear of it, not wait
                result.completeExceptionally(e);
            }
        }

        void fill(int slot) {
            if (closed) {
                return;
            }
            int index = indices[slot];
            EncodedImage file = files.get(index);
            try {
                RgbImage image = ImageDecoder.decode(file);
                transform.apply(image, imageRandom(options.seed(), epoch, index), pixels, slot * transform.outputBytes());
            } catch (DatasetException e) {
                failures[slot] = e;
            } catch (RuntimeException e) {
                failures[slot] = DatasetException.at(file.source(), "cannot transform image: %s", e);
            } catch (Error e) {
                failures[slot] = e;
            }
            if (remaining.decrementAndGet() == 0) {
                finish();
            }
        }

        /** Runs on the thread that filled the last slot; the counter orders every slot's writes before it. */
        private void finish() {
            for (Throwable failure : failures) {
                if (failure != null) {
                    result.completeExceptionally(failure);
                    return;
                }
            }
            result.complete(new ImageBatch(number, indices, labels, pixels, transform.height(), transform.width()));
        }
    }
}
