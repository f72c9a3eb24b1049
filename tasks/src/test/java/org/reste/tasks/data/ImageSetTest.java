package org.reste.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageSetTest {

    /** Four 1x2x2 images whose pixels are their index, labels 0,1,1,2 of 3 classes. */
    private static ImageSet tiny() {
        byte[] pixels = new byte[16];
        for (int i = 0; i < 16; i++) {
            pixels[i] = (byte) (i / 4);
        }
        return new ImageSet("tiny/train", 1, 2, 2, 3, pixels, new int[] {0, 1, 1, 2});
    }

    @Test
    void exposesShapeAndCounts() {
        ImageSet set = tiny();
        assertEquals(4, set.size());
        assertEquals(1, set.channels());
        assertEquals(2, set.height());
        assertEquals(2, set.width());
        assertEquals(3, set.numClasses());
        assertEquals(4, set.imageBytes());
        assertEquals("tiny/train", set.name());
        assertArrayEquals(new int[] {1, 2, 1}, set.classCounts());
        assertEquals("tiny/train: 4 images 1x2x2, 3 classes", set.toString());
    }

    @Test
    void firstNIsAPrefix() {
        ImageSet set = tiny();
        ImageSet two = set.firstN(2);
        assertEquals(2, two.size());
        assertArrayEquals(new int[] {0, 1}, two.labels());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 1, 1, 1}, two.pixels());
        assertSame(set, set.firstN(4));
        assertEquals(0, set.firstN(0).size());
    }

    @Test
    void firstNBeyondSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny().firstN(5));
        assertEquals("tiny/train has 4 images; cannot take the first 5", e.getMessage());
    }

    @Test
    void constructorRejectsWrongPixelCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("bad", 3, 32, 32, 10, new byte[3072 * 2 - 1], new int[2]));
        assertTrue(e.getMessage().contains("6,143 pixel bytes, expected 6,144"), e.getMessage());
    }

    @Test
    void constructorRejectsLabelOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("bad", 1, 1, 1, 10, new byte[2], new int[] {3, 10}));
        assertEquals("bad: image 1: label 10 is outside 0..9", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("bad", 1, 1, 1, 10, new byte[1], new int[] {-1}));
    }

    @Test
    void constructorRejectsNonPositiveShape() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("bad", 0, 1, 1, 10, new byte[0], new int[0]));
    }
}
