package org.reste.tasks.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.raw.LabelledFile;

/**
 * Reads one image file into an {@link RgbImage} with {@code javax.imageio} (JPEG and PNG), or
 * fails with a {@link DatasetException} naming the file. Safe to call from many threads at once.
 *
 * <p>The format is told from the bytes, not the name (ImageNet has a PNG named {@code .JPEG}).
 * A JPEG cut short is an error, as in Pillow (which torchvision uses); libjpeg's other warnings
 * (e.g. "extraneous bytes before marker", which a few ImageNet files raise) are not.
 *
 * <p>Four-channel JPEGs (CMYK or YCCK: 22 of ImageNet's training files), which
 * {@code ImageIO.read} refuses or takes for RGBA, are read as stored samples and converted as
 * Pillow does ({@link RgbImage#of4}); the channel count and Adobe colour transform come from the
 * file's own header ({@link JpegLayout}).
 *
 * <p>Pixel values can differ from Pillow's by a step or two where the JPEG decoders round
 * differently (Java's built-in libjpeg 6b against Pillow's libjpeg-turbo).
 */
public final class ImageDecoder {

    /** libjpeg's and the JDK's words for a JPEG stream that ends early. */
    private static final List<String> TRUNCATION_WARNINGS = List.of("Premature end of JPEG file", "Missing EOI marker");

    private ImageDecoder() {}

    /** Decodes {@code file}; any problem is a {@link DatasetException} whose message starts with its path. */
    public static RgbImage decode(Path file) {
        return decode(new LabelledFile(file, 0));
    }

    /** Decodes an image of a class folder or a shard; errors name its {@link EncodedImage#source()}. */
    public static RgbImage decode(EncodedImage image) {
        return decode(image.read(), image.source());
    }

    /** Decodes an image already in memory; {@code file} only names it in errors. */
    public static RgbImage decode(byte[] bytes, Path file) {
        if (bytes.length == 0) {
            throw DatasetException.at(file, "empty file, not an image");
        }
        JpegLayout layout = JpegLayout.of(bytes);
        try {
            if (layout != null && layout.components() == 4) {
                return RgbImage.of4(readRaster(bytes, file), layout.adobeTransform() == 2);
            }
            return RgbImage.of(read(bytes, file));
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw DatasetException.at(file, "cannot decode image: %s", e);
        }
    }

    private static BufferedImage read(byte[] bytes, Path file) throws IOException {
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(stream, file);
            try {
                reader.setInput(stream, true, true);
                TruncationCheck truncation = new TruncationCheck();
                reader.addIIOReadWarningListener(truncation);
                BufferedImage image = reader.read(0);
                truncation.check(file);
                return image;
            } finally {
                reader.dispose();
            }
        }
    }

    /** The stored samples, no colour conversion (for 4-channel JPEGs, which Java would misread or refuse). */
    private static Raster readRaster(byte[] bytes, Path file) throws IOException {
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(stream, file);
            try {
                reader.setInput(stream, true, true);
                TruncationCheck truncation = new TruncationCheck();
                reader.addIIOReadWarningListener(truncation);
                Raster raster = reader.readRaster(0, null);
                truncation.check(file);
                return raster;
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageReader readerFor(ImageInputStream stream, Path file) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
        if (!readers.hasNext()) {
            throw DatasetException.at(file, "not a decodable image (no JPEG or PNG signature)");
        }
        return readers.next();
    }

    /** Notes libjpeg's end-of-file warning (thrown after the read, not from inside the native call). */
    private static final class TruncationCheck implements IIOReadWarningListener {
        private String warning;

        @Override
        public void warningOccurred(ImageReader source, String message) {
            if (warning == null && message != null && TRUNCATION_WARNINGS.stream().anyMatch(message::contains)) {
                warning = message;
            }
        }

        void check(Path file) {
            if (warning != null) {
                throw DatasetException.at(file, "truncated image: %s", warning);
            }
        }
    }
}
