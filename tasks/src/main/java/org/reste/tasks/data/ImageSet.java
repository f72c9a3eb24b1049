package org.reste.tasks.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A labelled set of uint8 images as plain Java arrays: the hand-over point between the raw-format
 * readers and the tensor side. Pixels are NCHW and contiguous so the NDArray side can wrap them
 * with one copy; no DJL type appears here, so readers are testable without a native engine.
 *
 * <p>Immutable-ish: the arrays are shared, not copied, in and out (CIFAR-10 train is 150 MB), so
 * callers must treat {@link #pixels()} and {@link #labels()} as read-only.
 */
public final class ImageSet {
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * @param name       short id such as {@code "cifar10/train"}
     * @param pixels     uint8 values, NCHW, exactly {@code labels.length * channels * height * width}
     * @param labels     one class index per image, each in {@code [0, numClasses)}
     * @throws IllegalArgumentException if the shape, the array lengths or a label do not agree
     */
    public ImageSet(String name, int channels, int height, int width, int numClasses,
                    byte[] pixels, int[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (channels <= 0 || height <= 0 || width <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: shape %dx%dx%d and %d classes must all be positive",
                    name, channels, height, width, numClasses));
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %,d pixel bytes, expected %,d (%,d images of %dx%dx%d)",
                    name, pixels.length, expected, labels.length, channels, height, width));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: image %d: label %d is outside 0..%d", name, i, labels[i], numClasses - 1));
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
    }

    public String name() {
        return name;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Bytes per image, {@code channels * height * width}. */
    public int imageBytes() {
        return channels * height * width;
    }

    /** uint8 pixels, NCHW, contiguous; shared, do not modify. */
    public byte[] pixels() {
        return pixels;
    }

    /** Class index per image; shared, do not modify. */
    public int[] labels() {
        return labels;
    }

    /** The first {@code n} images (same order), e.g. for a smoke-test budget. */
    public ImageSet firstN(int n) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has %,d images; cannot take the first %,d", name, size(), n));
        }
        if (n == size()) {
            return this;
        }
        return new ImageSet(name, channels, height, width, numClasses,
                Arrays.copyOf(pixels, n * imageBytes()), Arrays.copyOf(labels, n));
    }

    /** How many images each class has; a fresh array of length {@link #numClasses()}. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %,d images %dx%dx%d, %d classes",
                name, size(), channels, height, width, numClasses);
    }
}
