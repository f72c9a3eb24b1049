package org.reste.tasks.data;

import java.nio.file.Path;
import java.util.Locale;
import org.reste.tasks.io.Locations;

/**
 * Bad or missing input data. One type for every data problem so the command line can stop with
 * a single clear message, before any GPU time is spent (DESIGN.md, "Principles").
 *
 * <p>Messages start with the absolute path (or gs:// URI) of the offending file, then the field or problem,
 * e.g. {@code /data/test_batch.bin: record 17: label 12 is outside 0..9}.
 */
public class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about {@code file}; {@code format} uses {@link Locale#ROOT} so {@code %,d} prints 30,730,000. */
    public static DatasetException at(Path file, String format, Object... args) {
        return new DatasetException(prefix(file) + String.format(Locale.ROOT, format, args));
    }

    /** An I/O failure while reading {@code file}, kept as the cause. */
    public static DatasetException io(Path file, Exception cause) {
        return new DatasetException(prefix(file) + "cannot read: " + cause, cause);
    }

    private static String prefix(Path file) {
        return Locations.show(file.normalize()) + ": ";
    }
}
