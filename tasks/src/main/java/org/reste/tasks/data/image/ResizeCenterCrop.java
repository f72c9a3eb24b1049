package org.reste.tasks.data.image;

import java.util.Locale;
import java.util.Random;

/**
 * The evaluation transform, torchvision's {@code Resize(256)} then {@code CenterCrop(224)}: the
 * shorter side is scaled to {@code resize} (the longer to {@code int(resize * long / short)},
 * truncated as torchvision does) with Pillow's bilinear filter, then the central
 * {@code crop x crop} square is kept (offsets {@code round((side - crop) / 2)}, half to even).
 * Only the kept window is computed. Deterministic: the {@link Random} is not used. Kept by hand,
 * not DJL's Resize and CenterCrop: those resize with the engine, this matches Pillow's pixels.
 */
public record ResizeCenterCrop(int resize, int crop) implements ImageTransform {

    public ResizeCenterCrop {
        if (crop <= 0 || resize < crop) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ResizeCenterCrop(resize %d, crop %d): need 0 < crop <= resize", resize, crop));
        }
    }

    /** The paper's (and torchvision's reference) ImageNet evaluation: Resize(256), CenterCrop(224). */
    public static ResizeCenterCrop paper() {
        return new ResizeCenterCrop(256, 224);
    }

    @Override
    public int height() {
        return crop;
    }

    @Override
    public int width() {
        return crop;
    }

    /** The resized size {width, height} of a {@code width x height} image. */
    public int[] resizedSize(int width, int height) {
        if (width <= height) {
            return new int[] {resize, (int) ((long) resize * height / width)};
        }
        return new int[] {(int) ((long) resize * width / height), resize};
    }

    @Override
    public void apply(RgbImage image, Random random, byte[] out, int offset) {
        int[] resized = resizedSize(image.width(), image.height());
        int left = (int) Math.rint((resized[0] - crop) / 2.0);
        int top = (int) Math.rint((resized[1] - crop) / 2.0);
        Bilinear.resize(image, 0, 0, image.width(), image.height(), resized[0], resized[1],
                left, top, crop, crop, false, out, offset);
    }
}
