package org.reste.tasks.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.raw.TinyImageFolder;

class ImageDecoderTest {

    @TempDir
    Path dir;

    @Test
    void decodesPngExactlyAndJpegClosely() {
        Path png = TinyImageFolder.writeImage(dir, "red", 0, new int[] {30, 20}, "png");
        RgbImage image = ImageDecoder.decode(png);
        assertEquals(30, image.width());
        assertEquals(20, image.height());
        assertEquals(220, image.get(0, 29, 19));
        assertEquals(20, image.get(1, 0, 0));
        assertEquals(20, image.get(2, 5, 5));

        Path jpg = TinyImageFolder.writeImage(dir, "blue", 2, new int[] {31, 17}, "jpg");
        RgbImage blue = ImageDecoder.decode(jpg);
        assertEquals(31, blue.width());
        assertEquals(17, blue.height());
        assertTrue(Math.abs(blue.get(2, 10, 10) - 220) <= 4, "blue " + blue.get(2, 10, 10));
        assertTrue(Math.abs(blue.get(0, 10, 10) - 20) <= 4, "red " + blue.get(0, 10, 10));
    }

    @Test
    void greyKeepsItsStoredValueInAllThreePlanes() {
        BufferedImage grey = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 2, 0, 100);
        Path file = TinyImageFolder.write(grey, dir.resolve("grey.png"), "png");
        RgbImage image = ImageDecoder.decode(file);
        for (int c = 0; c < 3; c++) {
            assertEquals(100, image.get(c, 1, 2), "channel " + c);
            assertEquals(0, image.get(c, 0, 0));
        }
    }

    @Test
    void alphaIsDroppedNotBlended() {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00FF8040); // fully transparent orange
        RgbImage image = ImageDecoder.decode(TinyImageFolder.write(argb, dir.resolve("alpha.png"), "png"));
        assertEquals(0xFF, image.get(0, 0, 0));
        assertEquals(0x80, image.get(1, 0, 0));
        assertEquals(0x40, image.get(2, 0, 0));
    }

    @Test
    void formatComesFromTheBytesNotTheName() throws IOException {
        Path png = TinyImageFolder.writeImage(dir, "green", 1, new int[] {8, 8}, "png");
        Path misnamed = Files.move(png, dir.resolve("n02105855_2933.JPEG"));
        assertEquals(220, ImageDecoder.decode(misnamed).get(1, 3, 3));
    }

    @Test
    void garbageIsADatasetExceptionNamingTheFile() throws IOException {
        Path file = Files.write(dir.resolve("broken.jpg"), "this is not a JPEG at all".getBytes());
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decode(file));
        assertEquals(file + ": not a decodable image (no JPEG or PNG signature)", e.getMessage());
    }

    @Test
    void truncatedJpegIsADatasetExceptionNamingTheFile() throws IOException {
        Path jpg = TinyImageFolder.writeImage(dir, "whole", 0, new int[] {300, 200}, "jpg");
        byte[] bytes = Files.readAllBytes(jpg);
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decode(cut));
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
    }

    @Test
    void jpegHeaderWithGarbageBodyIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(TinyImageFolder.writeImage(dir, "whole", 0, new int[] {64, 64}, "jpg"));
        for (int i = bytes.length / 3; i < bytes.length - 2; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Path file = Files.write(dir.resolve("scrambled.jpg"), bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> ImageDecoder.decode(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreNamed() throws IOException {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertEquals(empty + ": empty file, not an image",
                assertThrows(DatasetException.class, () -> ImageDecoder.decode(empty)).getMessage());
        Path missing = dir.resolve("missing.png");
        assertTrue(assertThrows(DatasetException.class, () -> ImageDecoder.decode(missing)).getMessage()
                .startsWith(missing + ": cannot read"));
    }

    @Test
    void cmykJpegIsConvertedAsPillowDoes() throws IOException {
        // Stored (Adobe-inverted) CMYK samples: C 255 = no cyan, K 200 = little black.
        int[] stored = {255, 128, 0, 200};
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, stored);
            }
        }
        Path file = dir.resolve("cmyk.jpg");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            writer.write(null, new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        RgbImage image = ImageDecoder.decode(file);
        // R = K * C / 255 with the stored values: 200, 100, 0.
        int[] expected = {200, 100, 0};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(image.get(c, 8, 8) - expected[c]) <= 3, "channel " + c + ": " + image.get(c, 8, 8));
        }
    }

    @Test
    void adobeCmykJpegFromPillowMatchesPillowsRgb() throws Exception {
        // Written by Pillow 12 (CMYK, Adobe marker, quality 100); expected values are Pillow's convert("RGB").
        Path file = Path.of(ImageDecoderTest.class.getResource("cmyk-pillow.jpg").toURI());
        RgbImage image = ImageDecoder.decode(file);
        int[][] points = {{3, 3}, {12, 3}, {3, 12}, {12, 12}};
        int[][] pillow = {{255, 55, 0}, {0, 225, 190}, {53, 51, 49}, {77, 116, 155}};
        for (int p = 0; p < points.length; p++) {
            for (int c = 0; c < 3; c++) {
                int actual = image.get(c, points[p][0], points[p][1]);
                assertTrue(Math.abs(actual - pillow[p][c]) <= 2,
                        "point " + p + " channel " + c + ": " + actual + " vs Pillow " + pillow[p][c]);
            }
        }
    }

    @Test
    void ycckSamplesBecomeCmykAsLibjpegDoes() {
        // Y 200 with neutral chroma is grey 200, stored CMY 55 each; K 255 (no ink) leaves 255 - 200.
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 1, 1, 4, null);
        raster.setPixel(0, 0, new int[] {200, 128, 128, 255});
        RgbImage ycck = RgbImage.of4(raster, true);
        RgbImage cmyk = RgbImage.of4(raster, false);
        for (int c = 0; c < 3; c++) {
            assertEquals(55, ycck.get(c, 0, 0));
        }
        assertEquals(200, cmyk.get(0, 0, 0));
        assertEquals(128, cmyk.get(1, 0, 0));
        assertEquals(128, cmyk.get(2, 0, 0));
    }
}
