package org.reste.tasks.data.raw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.image.EncodedImage;

/** One image file of an {@link ImageFolder} split and its class index. */
public record LabelledFile(Path file, int label) implements EncodedImage {

    public LabelledFile {
        Objects.requireNonNull(file, "file");
        if (label < 0) {
            throw new IllegalArgumentException(file + ": negative label " + label);
        }
    }

    @Override
    public Path source() {
        return file;
    }

    @Override
    public byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }
}
