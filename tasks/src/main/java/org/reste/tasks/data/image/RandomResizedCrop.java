package org.reste.tasks.data.image;

import java.util.Locale;
import java.util.Random;

/**
 * torchvision's {@code RandomResizedCrop} followed by {@code RandomHorizontalFlip}, the paper's
 * ImageNet training augmentation (scale 0.08 to 1.25, output 224, flip with probability 0.5).
 *
 * <p>The crop box, as torchvision's {@code get_params}: up to 10 attempts, each drawing an area
 * fraction uniformly from {@code [scaleMin, scaleMax]} and a log-uniform aspect ratio (w/h) from
 * {@code [3/4, 4/3]}; {@code w = round(sqrt(area * ratio))}, {@code h = round(sqrt(area / ratio))}
 * (half to even, as Python's {@code round}); the first box that fits in the image is placed
 * uniformly at random. If none fits (likelier with a scale above 1, which asks for more than the
 * image), the fallback is a central crop of the whole image clamped to the ratio range. The box
 * is then resized bilinearly to the output size ({@link Bilinear}, Pillow's filter) and mirrored
 * with probability {@code flipProbability}.
 *
 * <p>Kept by hand, not DJL's {@code RandomResizedCrop}: DJL's works on engine tensors with the
 * engine's resize, while this one matches torchvision and Pillow value for value (TransformsTest).
 *
 * <p>Draws, in order, from the given {@link Random}: per attempt two doubles (area, log-ratio)
 * and, for the accepted box, two ints (top, left); then one double for the flip.
 */
public record RandomResizedCrop(int size, double scaleMin, double scaleMax, double flipProbability)
        implements ImageTransform {

    public static final int ATTEMPTS = 10;
    public static final double RATIO_MIN = 3.0 / 4.0;
    public static final double RATIO_MAX = 4.0 / 3.0;

    public RandomResizedCrop {
        if (size <= 0 || !(scaleMin > 0) || !(scaleMax >= scaleMin) || !(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "RandomResizedCrop(size %d, scale %s..%s, flip %s): need size > 0, 0 < min <= max, flip in [0, 1]",
                    size, scaleMin, scaleMax, flipProbability));
        }
    }

    /** The paper's: 224, scale (0.08, 1.25), flip p = 0.5. */
    public static RandomResizedCrop paper() {
        return new RandomResizedCrop(224, 0.08, 1.25, 0.5);
    }

    /** A crop box in source pixels. */
    public record Box(int left, int top, int width, int height) {}

    @Override
    public int height() {
        return size;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public void apply(RgbImage image, Random random, byte[] out, int offset) {
        Box box = box(image.width(), image.height(), random);
        boolean flip = random.nextDouble() < flipProbability;
        Bilinear.resize(image, box.left(), box.top(), box.width(), box.height(), size, size,
                0, 0, size, size, flip, out, offset);
    }

    /** The crop box for a {@code width x height} image (torchvision's {@code get_params}). */
    public Box box(int width, int height, Random random) {
        double area = (double) width * height;
        double logMin = Math.log(RATIO_MIN);
        double logMax = Math.log(RATIO_MAX);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * (scaleMin + (scaleMax - scaleMin) * random.nextDouble());
            double ratio = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
            int w = (int) Math.rint(Math.sqrt(target * ratio));
            int h = (int) Math.rint(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new Box(left, top, w, h);
            }
        }
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < RATIO_MIN) {
            w = width;
            h = (int) Math.rint(w / RATIO_MIN);
        } else if (inRatio > RATIO_MAX) {
            h = height;
            w = (int) Math.rint(h * RATIO_MAX);
        } else {
            w = width;
            h = height;
        }
        return new Box((width - w) / 2, (height - h) / 2, w, h);
    }
}
