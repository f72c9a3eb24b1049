package org.reste.tasks.data.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * Pillow's bilinear resize of uint8 planes ({@code Image.resize(size, BILINEAR)}, which
 * torchvision's {@code Resize} and {@code RandomResizedCrop} call on PIL images), reproduced in
 * plain Java down to its fixed-point rounding: a triangle filter widened by the scale factor when
 * shrinking (so a downscale averages, it does not alias), applied separably, rows first, with the
 * intermediate rounded to uint8.
 *
 * <p>One call resizes an integer crop box of the source (as {@code img.crop(box).resize(size)},
 * edges clamped at the box) and computes only a window of the output (as a following
 * {@code CenterCrop}), optionally mirrored left-right; the result is written as CHW into a
 * caller's array, so a batch is filled in place.
 */
final class Bilinear {

    /** Pillow's {@code PRECISION_BITS} for 8-bit images. */
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private Bilinear() {}

    /**
     * Weights of output samples {@code from .. from + length - 1} of an {@code inSize -> outSize}
     * resize: sample {@code i} reads {@code count[i]} inputs from {@code start[i]} with the
     * integer weights {@code weights[i * kernel ..]} (sum {@code 2^22}).
     */
    record Coefficients(int[] start, int[] count, int[] weights, int kernel) {}

    static Coefficients coefficients(int inSize, int outSize, int from, int length) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle's support is 1
        int kernel = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[length];
        int[] count = new int[length];
        int[] weights = new int[length * kernel];
        double[] k = new double[kernel];
        for (int i = 0; i < length; i++) {
            double center = (from + i + 0.5) * scale;
            int min = Math.max(0, (int) (center - support + 0.5));
            int max = Math.min(inSize, (int) (center + support + 0.5)) - min;
            double sum = 0;
            for (int x = 0; x < max; x++) {
                double t = Math.abs((x + min - center + 0.5) / filterScale);
                k[x] = t < 1 ? 1 - t : 0;
                sum += k[x];
            }
            for (int x = 0; x < max; x++) {
                double w = sum != 0 ? k[x] / sum : k[x];
                weights[i * kernel + x] = (int) (w < 0 ? w * (1 << PRECISION_BITS) - 0.5 : w * (1 << PRECISION_BITS) + 0.5);
            }
            start[i] = min;
            count[i] = max;
        }
        return new Coefficients(start, count, weights, kernel);
    }

    /**
     * Resizes the box {@code (cropX, cropY, cropW, cropH)} of {@code src} to {@code outW x outH}
     * and writes the output window {@code (winX, winY, winW, winH)}, mirrored if {@code flip}, as
     * CHW uint8 into {@code out} from {@code offset} ({@code 3 * winW * winH} bytes).
     */
    static void resize(RgbImage src, int cropX, int cropY, int cropW, int cropH, int outW, int outH,
                       int winX, int winY, int winW, int winH, boolean flip, byte[] out, int offset) {
        if (cropX < 0 || cropY < 0 || cropW <= 0 || cropH <= 0
                || cropX + cropW > src.width() || cropY + cropH > src.height()
                || winX < 0 || winY < 0 || winW <= 0 || winH <= 0 || winX + winW > outW || winY + winH > outH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "crop %d,%d %dx%d of a %dx%d image to %dx%d, window %d,%d %dx%d: out of bounds",
                    cropX, cropY, cropW, cropH, src.width(), src.height(), outW, outH, winX, winY, winW, winH));
        }
        Coefficients horizontal = coefficients(cropW, outW, winX, winW);
        Coefficients vertical = coefficients(cropH, outH, winY, winH);
        int firstRow = vertical.start()[0];
        int lastRow = vertical.start()[winH - 1] + vertical.count()[winH - 1];
        int rows = lastRow - firstRow;
        byte[] temp = new byte[rows * winW];
        int[] acc = new int[winW];
        byte[] pixels = src.pixels();
        int width = src.width();
        int[] hStart = horizontal.start();
        int[] hCount = horizontal.count();
        int[] hWeights = horizontal.weights();
        int hKernel = horizontal.kernel();
        int[] vWeights = vertical.weights();
        int vKernel = vertical.kernel();
        for (int c = 0; c < RgbImage.CHANNELS; c++) {
            int plane = c * src.planeSize();
            // Rows pass: the needed source rows, window columns only.
            for (int r = 0; r < rows; r++) {
                int rowBase = plane + (cropY + firstRow + r) * width + cropX;
                int tempRow = r * winW;
                for (int x = 0; x < winW; x++) {
                    int s = rowBase + hStart[x];
                    int n = hCount[x];
                    int w = x * hKernel;
                    int sum = HALF;
                    for (int j = 0; j < n; j++) {
                        sum += (pixels[s + j] & 0xFF) * hWeights[w + j];
                    }
                    temp[tempRow + x] = (byte) clip8(sum);
                }
            }
            // Columns pass, a whole output row at a time (contiguous reads), mirrored if asked.
            int outPlane = offset + c * winW * winH;
            for (int y = 0; y < winH; y++) {
                int s = vertical.start()[y] - firstRow;
                int n = vertical.count()[y];
                int w = y * vKernel;
                Arrays.fill(acc, HALF);
                for (int j = 0; j < n; j++) {
                    int weight = vWeights[w + j];
                    int tempRow = (s + j) * winW;
                    for (int x = 0; x < winW; x++) {
                        acc[x] += (temp[tempRow + x] & 0xFF) * weight;
                    }
                }
                int outRow = outPlane + y * winW;
                if (flip) {
                    for (int x = 0; x < winW; x++) {
                        out[outRow + winW - 1 - x] = (byte) clip8(acc[x]);
                    }
                } else {
                    for (int x = 0; x < winW; x++) {
                        out[outRow + x] = (byte) clip8(acc[x]);
                    }
                }
            }
        }
    }

    private static int clip8(int acc) {
        if (acc <= 0) {
            return 0;
        }
        int v = acc >> PRECISION_BITS;
        return v > 255 ? 255 : v;
    }
}
