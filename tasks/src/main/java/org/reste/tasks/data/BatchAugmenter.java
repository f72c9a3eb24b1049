package org.reste.tasks.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * The paper's CIFAR training augmentation on whole batches on the device: RandomCrop(32,
 * padding 4, zero fill) and RandomHorizontalFlip, then {@link Normalization}. Per image only
 * the crop offsets and the flip are drawn (in Java, from the run's seeded stream); the pixels
 * move in two gathers: one picks each image's rows, the other its columns, read backwards for
 * a flipped image. No per-pixel Java loop.
 */
public final class BatchAugmenter {

    private final int padding;
    private final Normalization normalization;

    public BatchAugmenter(int padding, Normalization normalization) {
        this.padding = padding;
        this.normalization = normalization;
    }

    public static BatchAugmenter paper() {
        return new BatchAugmenter(4, Normalization.paper());
    }

    /** Each image's crop offsets (0..2 x padding) and whether it is flipped. */
    public record Draws(int[] dy, int[] dx, boolean[] flip) {

        public int count() {
            return dy.length;
        }
    }

    /** The draws for {@code n} images from {@code random}, in the order dy, dx, flip per image. */
    public Draws draw(int n, Random random) {
        int[] dy = new int[n];
        int[] dx = new int[n];
        boolean[] flip = new boolean[n];
        for (int i = 0; i < n; i++) {
            dy[i] = random.nextInt(2 * padding + 1);
            dx[i] = random.nextInt(2 * padding + 1);
            flip[i] = random.nextBoolean();
        }
        return new Draws(dy, dx, flip);
    }

    /** Augmented, normalised float32 batch for the given uint8 (n, C, H, W) pixels. */
    public NDArray augment(NDArray pixels, Random random) {
        return augment(pixels, draw((int) pixels.getShape().get(0), random));
    }

    /** As {@link #augment(NDArray, Random)}, with the crops and flips given. */
    public NDArray augment(NDArray pixels, Draws draws) {
        NDManager manager = pixels.getManager();
        Shape shape = pixels.getShape();
        int n = (int) shape.get(0);
        int c = (int) shape.get(1);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        if (draws.count() != n) {
            throw new IllegalArgumentException("draws for " + draws.count() + " images, batch of " + n);
        }
        long[] rows = new long[n * h];
        long[] cols = new long[n * w];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                rows[i * h + y] = draws.dy()[i] + y;
            }
            for (int x = 0; x < w; x++) {
                cols[i * w + x] = draws.dx()[i] + (draws.flip()[i] ? w - 1 - x : x);
            }
        }
        int paddedW = w + 2 * padding;
        try (NDArray padded = pixels.pad(new Shape(padding, padding, padding, padding), 0);
                NDArray rowIndex = manager.create(rows, new Shape(n, 1, h, 1)).toDevice(pixels.getDevice(), false);
                NDArray colIndex = manager.create(cols, new Shape(n, 1, 1, w)).toDevice(pixels.getDevice(), false);
                NDArray rowsPicked = padded.gather(rowIndex.broadcast(new Shape(n, c, h, paddedW)), 2);
                NDArray cropped = rowsPicked.gather(colIndex.broadcast(new Shape(n, c, h, w)), 3)) {
            return normalization.apply(cropped);
        }
    }

    /** Test-time transform: normalisation only. */
    public NDArray plain(NDArray pixels) {
        return normalization.apply(pixels);
    }
}
