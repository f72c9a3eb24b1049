package org.reste.tasks.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.util.Locale;
import java.util.Objects;

/**
 * A decoded image as three uint8 planes, R then G then B, each {@code height x width} row-major
 * (CHW): the form the transforms resample and the batches hold.
 *
 * <p>{@link #of(BufferedImage)} converts as Pillow's {@code convert("RGB")} does, which is what
 * torchvision's loader calls: a grey image is copied into all three planes, an alpha channel is
 * dropped (not blended), 16-bit samples keep their high byte, and the stored values are taken as
 * they are, without colour management. (Java would otherwise treat grey as linear light and
 * brighten it on the way to sRGB, and would apply an embedded ICC profile, which Pillow ignores.)
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public static final int CHANNELS = 3;

    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "image size %dx%d must be positive", width, height));
        }
        if (pixels.length != CHANNELS * width * height) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%,d pixel bytes for a %dx%d RGB image, expected %,d", pixels.length, width, height,
                    CHANNELS * width * height));
        }
    }

    /** Bytes per plane, {@code width * height}. */
    public int planeSize() {
        return width * height;
    }

    /** uint8 value of channel {@code c} (0 R, 1 G, 2 B) at column {@code x}, row {@code y}. */
    public int get(int c, int x, int y) {
        return pixels[(c * height + y) * width + x] & 0xFF;
    }

    /** The image's stored samples as RGB planes (see the class comment for the rules). */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model instanceof IndexColorModel) {
            return fromArgb(image);
        }
        int colorComponents = model.getNumColorComponents();
        int colorSpace = model.getColorSpace().getType();
        if (colorComponents == 1 || colorSpace == ColorSpace.TYPE_GRAY) {
            byte[] out = new byte[CHANNELS * w * h];
            byte[] plane = band(raster, 0);
            System.arraycopy(plane, 0, out, 0, plane.length);
            System.arraycopy(plane, 0, out, plane.length, plane.length);
            System.arraycopy(plane, 0, out, 2 * plane.length, plane.length);
            return new RgbImage(w, h, out);
        }
        if (colorComponents == 3 && raster.getNumBands() >= 3) {
            byte[] out = new byte[CHANNELS * w * h];
            for (int c = 0; c < CHANNELS; c++) {
                byte[] plane = band(raster, c);
                System.arraycopy(plane, 0, out, c * plane.length, plane.length);
            }
            return new RgbImage(w, h, out);
        }
        return fromArgb(image);
    }

    /**
     * A four-channel JPEG's stored samples as Pillow turns them into RGB. Pillow takes the
     * samples as Adobe's inverted CMYK (ink {@code = 255 - stored}) and its {@code cmyk2rgb} gives
     * {@code R = (255 - K_ink) - (255 - K_ink) * C_ink / 255}, i.e. about {@code K * C / 255} in
     * stored values; likewise G from M and B from Y. With {@code ycck} (Adobe transform 2) the
     * samples are first turned into stored CMYK as libjpeg does:
     * {@code C = 255 - (Y + 1.402 (Cr - 128))} and so on, K unchanged.
     */
    public static RgbImage of4(Raster raster, boolean ycck) {
        if (raster.getNumBands() != 4) {
            throw new IllegalArgumentException("expected 4 bands (CMYK or YCCK), got " + raster.getNumBands());
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[][] bands = new byte[4][];
        for (int b = 0; b < 4; b++) {
            bands[b] = band(raster, b);
        }
        int plane = w * h;
        byte[] out = new byte[CHANNELS * plane];
        int[] stored = new int[3];
        for (int i = 0; i < plane; i++) {
            int k = bands[3][i] & 0xFF;
            if (ycck) {
                int y = bands[0][i] & 0xFF;
                int cb = (bands[1][i] & 0xFF) - 128;
                int cr = (bands[2][i] & 0xFF) - 128;
                // libjpeg's fixed-point YCbCr->RGB (16 fraction bits), inverted into stored CMY.
                stored[0] = 255 - clamp(y + ((91881 * cr + 32768) >> 16));
                stored[1] = 255 - clamp(y + ((-22554 * cb - 46802 * cr + 32768) >> 16));
                stored[2] = 255 - clamp(y + ((116130 * cb + 32768) >> 16));
            } else {
                stored[0] = bands[0][i] & 0xFF;
                stored[1] = bands[1][i] & 0xFF;
                stored[2] = bands[2][i] & 0xFF;
            }
            for (int c = 0; c < CHANNELS; c++) {
                out[c * plane + i] = (byte) clamp(k - mulDiv255(255 - stored[c], k));
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Pillow's rounded {@code a * b / 255}. */
    private static int mulDiv255(int a, int b) {
        int tmp = a * b + 128;
        return ((tmp >> 8) + tmp) >> 8;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** Through Java's sRGB conversion: palettes and anything unusual. Alpha is dropped. */
    private static RgbImage fromArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[CHANNELS * w * h];
        int[] row = new int[w];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                out[base + x] = (byte) (argb >> 16);
                out[plane + base + x] = (byte) (argb >> 8);
                out[2 * plane + base + x] = (byte) argb;
            }
        }
        return new RgbImage(w, h, out);
    }

    /** One band of a raster as an 8-bit plane, read straight from a byte buffer when possible. */
    static byte[] band(Raster raster, int band) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[w * h];
        SampleModel sampleModel = raster.getSampleModel();
        DataBuffer buffer = raster.getDataBuffer();
        if (sampleModel instanceof ComponentSampleModel csm && buffer instanceof DataBufferByte bytes) {
            byte[] data = bytes.getData(csm.getBankIndices()[band]);
            int pixelStride = csm.getPixelStride();
            int scanline = csm.getScanlineStride();
            int origin = bytes.getOffsets()[csm.getBankIndices()[band]] + csm.getBandOffsets()[band]
                    + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline
                    + (raster.getMinX() - raster.getSampleModelTranslateX()) * pixelStride;
            for (int y = 0; y < h; y++) {
                int from = origin + y * scanline;
                int to = y * w;
                if (pixelStride == 1) {
                    System.arraycopy(data, from, out, to, w);
                } else {
                    for (int x = 0; x < w; x++) {
                        out[to + x] = data[from + x * pixelStride];
                    }
                }
            }
            return out;
        }
        int bits = sampleModel.getSampleSize(band);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) to8Bits(row[x], bits);
            }
        }
        return out;
    }

    private static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8);
        }
        return Math.round(sample * 255f / ((1 << bits) - 1));
    }
}
