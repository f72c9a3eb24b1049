package org.reste.tasks.data.streaming;

import java.util.Locale;

/**
 * How an {@link ImageBatchLoader} walks a split.
 *
 * @param batchSize images per batch
 * @param threads   decoding threads (the loader's own pool, per epoch)
 * @param prefetch  batches decoded ahead of the one the caller holds (at most {@code prefetch + 1}
 *                  batches exist at once: memory is {@code (prefetch + 1) * batchSize * 3 * 224 * 224}
 *                  bytes, 565 MB for the paper's 750 with prefetch 4)
 * @param seed      the run's seed: fixes the shuffle and every image's augmentation
 * @param shuffle   a fresh permutation each epoch (training) or the listing order (evaluation)
 * @param dropLast  leave out a last, smaller batch
 */
public record LoaderOptions(int batchSize, int threads, int prefetch, long seed, boolean shuffle, boolean dropLast) {

    /** Batches decoded ahead unless told otherwise. */
    public static final int DEFAULT_PREFETCH = 3;

    public LoaderOptions {
        if (batchSize <= 0 || threads <= 0 || prefetch <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "batch size %d, threads %d and prefetch %d must all be positive", batchSize, threads, prefetch));
        }
    }

    /** Shuffled each epoch, last batch kept, one thread per available processor. */
    public static LoaderOptions training(int batchSize, long seed) {
        return new LoaderOptions(batchSize, Runtime.getRuntime().availableProcessors(), DEFAULT_PREFETCH, seed, true, false);
    }

    /** Listing order, every image, one thread per available processor. */
    public static LoaderOptions evaluation(int batchSize) {
        return new LoaderOptions(batchSize, Runtime.getRuntime().availableProcessors(), DEFAULT_PREFETCH, 0, false, false);
    }

    public LoaderOptions withThreads(int n) {
        return new LoaderOptions(batchSize, n, prefetch, seed, shuffle, dropLast);
    }

    public LoaderOptions withPrefetch(int n) {
        return new LoaderOptions(batchSize, threads, n, seed, shuffle, dropLast);
    }

    public LoaderOptions withDropLast(boolean drop) {
        return new LoaderOptions(batchSize, threads, prefetch, seed, shuffle, drop);
    }

    /** Batches in an epoch of {@code n} images. */
    public int batches(int n) {
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }
}
