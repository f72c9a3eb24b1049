package org.reste.tasks.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * RandomResizedCrop, Resize+CenterCrop and the bilinear filter under them. The CRCs are of the
 * CHW bytes Pillow 12.3 produced for the same pattern image and boxes
 * ({@code img.crop(box).resize((224, 224), BILINEAR)}, torchvision's Resize(256)+CenterCrop(224)),
 * computed by {@code pillow_bilinear_reference.py} in the test resources.
 */
class TransformsTest {

    /** A busy pattern (Pillow's reference used the same formula). */
    static RgbImage pattern(int w, int h) {
        byte[] px = new byte[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    long v = ((long) x * x * (c + 1) + 3L * y * x + 17L * y + 40L * c) % 256;
                    px[(c * h + y) * w + x] = (byte) v;
                }
            }
        }
        return new RgbImage(w, h, px);
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static byte[] resizedCrop(RgbImage image, int left, int top, int w, int h, boolean flip) {
        byte[] out = new byte[3 * 224 * 224];
        Bilinear.resize(image, left, top, w, h, 224, 224, 0, 0, 224, 224, flip, out, 0);
        return out;
    }

    @Test
    void bilinearCropResizeMatchesPillowBitForBit() {
        RgbImage image = pattern(333, 250);
        assertEquals(2322477626L, crc(resizedCrop(image, 20, 15, 201, 187, false)), "upscale");
        assertEquals(191056132L, crc(resizedCrop(image, 5, 3, 300, 240, false)), "downscale");
        assertEquals(3475279987L, crc(resizedCrop(image, 5, 3, 300, 240, true)), "downscale, flipped");
        assertEquals(46857191L, crc(resizedCrop(image, 100, 100, 7, 9, false)), "tiny box");
    }

    @Test
    void resizeCenterCropMatchesPillowBitForBit() {
        ResizeCenterCrop val = ResizeCenterCrop.paper();
        assertEquals(415016786L, crc(val.apply(pattern(333, 250), null)));
        assertEquals(2547639619L, crc(val.apply(pattern(520, 700), null)));
        assertEquals(2840036275L, crc(val.apply(pattern(256, 256), null)));
    }

    @Test
    void resizeKeepsTheShorterSideAt256() {
        ResizeCenterCrop val = ResizeCenterCrop.paper();
        assertArrayEquals(new int[] {384, 256}, val.resizedSize(300, 200));
        assertArrayEquals(new int[] {256, 341}, val.resizedSize(180, 240));
        assertArrayEquals(new int[] {340, 256}, val.resizedSize(333, 250));
    }

    @Test
    void leftRedRightBlueStaysSoAfterResizeAndCenterCrop() {
        // 512x256 needs no resize: the crop is columns 144..367, rows 16..239; the edge at 256 lands on 112.
        byte[] out = ResizeCenterCrop.paper().apply(halves(512, 256), (Random) null);
        for (int y = 0; y < 224; y += 7) {
            for (int x = 0; x < 224; x++) {
                int[] rgb = rgbAt(out, x, y);
                assertArrayEquals(x < 112 ? new int[] {255, 0, 0} : new int[] {0, 0, 255}, rgb, "x " + x + ", y " + y);
            }
        }
        // 300x200 becomes 384x256, cropped from column 80: the edge (150 -> 192) lands on 112, blurred by a pixel or two.
        byte[] small = ResizeCenterCrop.paper().apply(halves(300, 200), (Random) null);
        for (int x = 0; x < 224; x++) {
            int[] rgb = rgbAt(small, x, 100);
            if (x < 110) {
                assertArrayEquals(new int[] {255, 0, 0}, rgb, "x " + x);
            } else if (x > 113) {
                assertArrayEquals(new int[] {0, 0, 255}, rgb, "x " + x);
            }
        }
    }

    @Test
    void centreOfAnUnresizedImageIsCopiedExactly() {
        RgbImage image = pattern(512, 256);
        byte[] out = ResizeCenterCrop.paper().apply(image, null);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    assertEquals(image.get(c, 144 + x, 16 + y), out[(c * 224 + y) * 224 + x] & 0xFF);
                }
            }
        }
    }

    @Test
    void randomResizedCropIs224AndReproducible() {
        RgbImage image = pattern(300, 200);
        RandomResizedCrop crop = RandomResizedCrop.paper();
        byte[] a = crop.apply(image, new Random(7));
        byte[] b = crop.apply(image, new Random(7));
        byte[] c = crop.apply(image, new Random(8));
        assertEquals(3 * 224 * 224, a.length);
        assertEquals(224, crop.height());
        assertEquals(224, crop.width());
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        BufferedImage buffered = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        assertEquals(3 * 224 * 224, crop.apply(buffered, new Random(1)).length);
    }

    @Test
    void boxesFitTheImageAndFollowTheScaleAndRatioRanges() {
        RandomResizedCrop crop = RandomResizedCrop.paper();
        Random random = new Random(3);
        int fallbacks = 0;
        for (int i = 0; i < 2000; i++) {
            int w = 50 + random.nextInt(400);
            int h = 50 + random.nextInt(400);
            RandomResizedCrop.Box box = crop.box(w, h, random);
            assertTrue(box.left() >= 0 && box.top() >= 0 && box.left() + box.width() <= w && box.top() + box.height() <= h,
                    box + " in " + w + "x" + h);
            double area = (double) box.width() * box.height() / ((double) w * h);
            double ratio = (double) box.width() / box.height();
            boolean centred = box.left() == (w - box.width()) / 2 && box.top() == (h - box.height()) / 2
                    && (box.width() == w || box.height() == h);
            if (centred && area > 0.99 * Math.min(1, Math.min(w, h * 4.0 / 3) * Math.min(h, w * 4.0 / 3) / ((double) w * h))) {
                fallbacks++;
                continue;
            }
            assertTrue(area > 0.07 && area <= 1.0, "area " + area);
            assertTrue(ratio > 0.70 && ratio < 1.40, "ratio " + ratio);
        }
        // Scale up to 1.25 asks for more than the image a fifth of the time; ten tries rarely all miss.
        assertTrue(fallbacks < 200, "fallbacks " + fallbacks);
    }

    @Test
    void fallbackIsTheCentralCropClampedToTheRatioRange() {
        RandomResizedCrop impossible = new RandomResizedCrop(224, 5, 6, 0.5);
        assertEquals(new RandomResizedCrop.Box(16, 0, 267, 200), impossible.box(300, 200, new Random(1)));
        assertEquals(new RandomResizedCrop.Box(0, 40, 150, 200), impossible.box(150, 280, new Random(1)));
        assertEquals(new RandomResizedCrop.Box(0, 0, 240, 200), impossible.box(240, 200, new Random(1)));
    }

    @Test
    void flipMirrorsTheSameCrop() {
        RgbImage image = pattern(300, 200);
        byte[] never = new RandomResizedCrop(224, 0.08, 1.25, 0).apply(image, new Random(5));
        byte[] always = new RandomResizedCrop(224, 0.08, 1.25, 1).apply(image, new Random(5));
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 224; y++) {
                for (int x = 0; x < 224; x++) {
                    assertEquals(never[(c * 224 + y) * 224 + x], always[(c * 224 + y) * 224 + 223 - x]);
                }
            }
        }
    }

    @Test
    void transformWritesAtTheGivenOffset() {
        byte[] out = new byte[2 * 3 * 224 * 224];
        ResizeCenterCrop.paper().apply(halves(512, 256), null, out, 3 * 224 * 224);
        assertEquals(0, out[0]);
        assertArrayEquals(new int[] {255, 0, 0}, rgbAt(Arrays.copyOfRange(out, 3 * 224 * 224, out.length), 0, 0));
    }

    private static RgbImage halves(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x < w / 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        return RgbImage.of(image);
    }

    private static int[] rgbAt(byte[] chw, int x, int y) {
        int plane = 224 * 224;
        return new int[] {chw[y * 224 + x] & 0xFF, chw[plane + y * 224 + x] & 0xFF, chw[2 * plane + y * 224 + x] & 0xFF};
    }
}
