package org.reste.tasks.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Writes arrays in NumPy's {@code .npy} format (version 1.0, little endian, C order), so that
 * the parity harness's Python side reads our tensors with a plain {@code numpy.load}.
 */
final class Npy {

    private Npy() {}

    /** float32, float64, int64 or uint8 arrays as they are; other types refused. */
    static void write(Path file, NDArray array) {
        DataType type = array.getDataType();
        String descr = switch (type) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case INT64 -> "<i8";
            case UINT8 -> "|u1";
            default -> throw new IllegalArgumentException("npy: no descr for " + type + " (" + file + ")");
        };
        ByteBuffer data = array.toByteBuffer().order(ByteOrder.nativeOrder());
        write(file, descr, array.getShape().getShape(), data);
    }

    static void write(Path file, int[] values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putLong(v);
        }
        data.flip();
        write(file, "<i8", new long[] {values.length}, data);
    }

    static void write(Path file, float value) {
        ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        data.flip();
        write(file, "<f4", new long[0], data);
    }

    private static void write(Path file, String descr, long[] shape, ByteBuffer data) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN && !descr.startsWith("|")) {
            throw new IllegalStateException("npy: a big-endian machine is not supported");
        }
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            dims.add(Long.toString(d));
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        // The magic (6), version (2) and length (2) plus the header end on a multiple of 64, with '\n'.
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(10 + headerBytes.length + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        out.putShort((short) headerBytes.length).put(headerBytes).put(data);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException("npy: cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
