package org.reste.tasks.data.raw;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a tiny ImageFolder for tests: three classes whose images are dominated by one colour
 * each (apple red, mango green, zebra blue) under a texture that makes every crop different, of
 * varying sizes, as JPEG and PNG. Class folders are written out of order so that sorting is tested.
 */
public final class TinyImageFolder {

    public static final List<String> CLASSES = List.of("apple", "mango", "zebra");
    public static final int[][] COLOURS = {{220, 20, 20}, {20, 220, 20}, {20, 20, 220}};
    public static final int[][] SIZES = {{150, 100}, {90, 120}, {125, 125}, {160, 90}};
    public static final int TRAIN_PER_CLASS = 4;
    public static final int VAL_PER_CLASS = 2;

    private TinyImageFolder() {}

    /** root/train/{zebra,apple,mango}/img{0..3}.{jpg,png} and root/val/.../img{0,1}. */
    public static Path write(Path root) {
        for (int c : new int[] {2, 0, 1}) {
            for (int i = 0; i < TRAIN_PER_CLASS; i++) {
                writeTextured(root.resolve("train").resolve(CLASSES.get(c)), "img" + i, c, SIZES[i], i % 2 == 0 ? "jpg" : "png");
            }
            for (int i = 0; i < VAL_PER_CLASS; i++) {
                writeTextured(root.resolve("val").resolve(CLASSES.get(c)), "img" + i, c, SIZES[i + 1], i % 2 == 0 ? "png" : "jpg");
            }
        }
        return root;
    }

    /** The class's channel at 180..249, the others at 0..59, in a diagonal texture. */
    public static Path writeTextured(Path dir, String stem, int label, int[] size, String format) {
        BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size[1]; y++) {
            for (int x = 0; x < size[0]; x++) {
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    rgb[c] = c == label ? 180 + (x * 7 + y * 3) % 70 : (x * 5 + y * 11 + c * 17) % 60;
                }
                image.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return write(image, dir.resolve(stem + "." + format), format.equals("jpg") ? "jpeg" : format);
    }

    /** One flat colour, the class's. */
    public static Path writeImage(Path dir, String stem, int label, int[] size, String format) {
        BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        int[] rgb = COLOURS[label];
        int value = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
        for (int y = 0; y < size[1]; y++) {
            for (int x = 0; x < size[0]; x++) {
                image.setRGB(x, y, value);
            }
        }
        return write(image, dir.resolve(stem + "." + format), format.equals("jpg") ? "jpeg" : format);
    }

    public static Path write(BufferedImage image, Path file, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The channel (so the class) that is largest at {@code (x, y)} of a CHW image at {@code offset}. */
    public static int dominantClass(byte[] chw, int offset, int height, int width, int y, int x) {
        int plane = height * width;
        int best = 0;
        int bestValue = -1;
        for (int c = 0; c < 3; c++) {
            int v = chw[offset + c * plane + y * width + x] & 0xFF;
            if (v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        return best;
    }
}
