package org.reste.tasks.data.streaming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.data.image.RgbImage;

/**
 * One batch from an {@link ImageBatchLoader}: {@code count} transformed images as uint8 NCHW
 * ({@code count x 3 x height x width}, contiguous) with their class indices, still in plain Java
 * arrays; {@link #toDevice} makes the tensors.
 *
 * @param index   the batch's number within its epoch, from 0
 * @param indices each image's index in the split's file list (for logs and tests)
 * @param labels  each image's class index
 * @param pixels  uint8 values, NCHW
 */
public record ImageBatch(int index, int[] indices, int[] labels, byte[] pixels, int height, int width) {

    public ImageBatch {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(pixels, "pixels");
        long expected = (long) labels.length * RgbImage.CHANNELS * height * width;
        if (indices.length != labels.length || pixels.length != expected) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "batch %d: %d indices, %d labels and %,d pixel bytes do not agree (expected %,d for 3x%dx%d images)",
                    index, indices.length, labels.length, pixels.length, expected, height, width));
        }
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Bytes per image, {@code 3 * height * width}. */
    public int imageBytes() {
        return RgbImage.CHANNELS * height * width;
    }

    /**
     * The batch as tensors on {@code manager}'s device: uint8 {@code (count, 3, height, width)}
     * pixels and int64 {@code (count)} labels. Normalise there with
     * {@code Normalization.paper().apply(tensors.pixels())}. (DJL copies the array into a native
     * buffer first, then to the device: two copies of {@code count * 150 KB}, on the caller's thread.)
     */
    public Tensors toDevice(NDManager manager) {
        NDArray images = manager.create(ByteBuffer.wrap(pixels), new Shape(count(), RgbImage.CHANNELS, height, width),
                DataType.UINT8);
        long[] longLabels = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            longLabels[i] = labels[i];
        }
        return new Tensors(images, manager.create(longLabels));
    }

    /** A batch on the device; closing frees both arrays (or let their manager do it). */
    public record Tensors(NDArray pixels, NDArray labels) implements AutoCloseable {
        @Override
        public void close() {
            pixels.close();
            labels.close();
        }
    }
}
