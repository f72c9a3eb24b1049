package org.reste.tasks.data.image;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * A decoded image to a fixed-size uint8 CHW image: a training augmentation
 * ({@link RandomResizedCrop}) or the evaluation transform ({@link ResizeCenterCrop}). Stateless,
 * so one instance serves every loader thread; all randomness comes from the {@link Random}
 * passed in, so the same stream gives the same bytes.
 */
public interface ImageTransform {

    /** Output height in pixels. */
    int height();

    /** Output width in pixels. */
    int width();

    /** Bytes one output image takes, {@code 3 * height() * width()}. */
    default int outputBytes() {
        return RgbImage.CHANNELS * height() * width();
    }

    /** Writes the transformed image as CHW uint8 into {@code out} from {@code offset}. */
    void apply(RgbImage image, Random random, byte[] out, int offset);

    /** The transformed image as a fresh CHW uint8 array. */
    default byte[] apply(RgbImage image, Random random) {
        byte[] out = new byte[outputBytes()];
        apply(image, random, out, 0);
        return out;
    }

    /** Convenience for a {@link BufferedImage}, converted as {@link RgbImage#of} does. */
    default byte[] apply(BufferedImage image, Random random) {
        return apply(RgbImage.of(image), random);
    }
}
