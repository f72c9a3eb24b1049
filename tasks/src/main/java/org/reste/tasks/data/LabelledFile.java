package org.reste.tasks.data;

import java.nio.file.Path;
import java.util.Objects;

/** One image file of an {@link ImageFolder} split and its class index. */
public record LabelledFile(Path file, int label) {

    public LabelledFile {
        Objects.requireNonNull(file, "file");
        if (label < 0) {
            throw new IllegalArgumentException(file + ": negative label " + label);
        }
    }
}
