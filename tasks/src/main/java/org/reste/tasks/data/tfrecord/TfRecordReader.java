package org.reste.tasks.data.tfrecord;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.reste.tasks.data.DatasetException;

/**
 * Reads the records of one TFRecord file, checking both checksums of every record. The framing,
 * as TensorFlow's {@code record_writer.cc} writes it (all little-endian):
 *
 * <pre>
 *   uint64 length
 *   uint32 masked_crc32c(length bytes)
 *   byte   data[length]
 *   uint32 masked_crc32c(data)
 * </pre>
 *
 * with CRC-32C (Castagnoli, {@link CRC32C}) and TensorFlow's mask
 * {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. Only uncompressed files are read.
 *
 * <p>Any damage is a {@link DatasetException} naming the file, the record index and the byte
 * offset: a bad checksum, or a file that ends inside a record (truncated). A file that ends
 * exactly between records is a clean end.
 */
public final class TfRecordReader implements Closeable {

    public static final int HEADER_BYTES = 12;
    public static final int FOOTER_BYTES = 4;
    private static final int MASK_DELTA = 0xa282ead8;

    private final InputStream in;
    private final Path file;
    private final byte[] header = new byte[HEADER_BYTES];
    private final byte[] footer = new byte[FOOTER_BYTES];
    private long offset;
    private int records;

    /** @param file named in every error message */
    public TfRecordReader(InputStream in, Path file) {
        this(in, file, 0, 0);
    }

    /**
     * A reader whose stream starts at byte {@code offset} of {@code file}, at its record number
     * {@code record}: for reading one record of an index, with errors that say where it is.
     */
    public TfRecordReader(InputStream in, Path file, long offset, int record) {
        this.in = in;
        this.file = file;
        this.offset = offset;
        this.records = record;
    }

    /** Opens {@code file} for reading. */
    public static TfRecordReader open(Path file) {
        try {
            return new TfRecordReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), file);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    /**
     * The next record's data, or null at the end of the file.
     *
     * @throws DatasetException if the record is truncated or a checksum does not match
     */
    public byte[] next() {
        int got = readFully(header);
        if (got == 0) {
            return null;
        }
        if (got < HEADER_BYTES) {
            throw error("truncated: the file ends inside the record's %d-byte header (%d bytes present)",
                    HEADER_BYTES, got);
        }
        ByteBuffer head = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = head.getLong(0);
        int storedLengthCrc = head.getInt(8);
        int lengthCrc = maskedCrc32c(header, 0, 8);
        if (storedLengthCrc != lengthCrc) {
            throw error("corrupt header: masked crc32c of the length field is %s, stored %s",
                    hex(lengthCrc), hex(storedLengthCrc));
        }
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw error("record length %d is larger than this reader supports", length);
        }
        byte[] data = new byte[(int) length];
        int dataGot = readFully(data);
        int footerGot = dataGot == data.length ? readFully(footer) : 0;
        if (dataGot < data.length || footerGot < FOOTER_BYTES) {
            throw error("truncated: the file ends inside the record (%,d data bytes + %d-byte checksum declared,"
                    + " %,d present)", length, FOOTER_BYTES, (long) dataGot + footerGot);
        }
        int storedDataCrc = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int dataCrc = maskedCrc32c(data, 0, data.length);
        if (storedDataCrc != dataCrc) {
            throw error("corrupt data: masked crc32c of the %,d data bytes is %s, stored %s",
                    length, hex(dataCrc), hex(storedDataCrc));
        }
        offset += HEADER_BYTES + length + FOOTER_BYTES;
        records++;
        return data;
    }

    /** The byte of the file where the next record starts. */
    public long offset() {
        return offset;
    }

    /** Records read so far (the index of the next one). */
    public int recordsRead() {
        return records;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    /** Reads until {@code buf} is full or the stream ends; returns the bytes read. */
    private int readFully(byte[] buf) {
        try {
            return in.readNBytes(buf, 0, buf.length);
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        }
    }

    private DatasetException error(String format, Object... args) {
        return DatasetException.at(file, "record %,d (at byte %,d): %s", records, offset,
                String.format(java.util.Locale.ROOT, format, args));
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    /** TensorFlow's masked CRC-32C of {@code data[off, off+len)}. */
    public static int maskedCrc32c(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        return mask((int) crc.getValue());
    }

    /** TensorFlow's crc32c::Mask: rotate right by 15 bits, add a constant. */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** Inverse of {@link #mask}. */
    public static int unmask(int masked) {
        int rotated = masked - MASK_DELTA;
        return (rotated >>> 17) | (rotated << 15);
    }

    /** One record framed as a TFRecord (header, data, footer). */
    public static byte[] frame(byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + data.length + FOOTER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(data.length);
        out.putInt(maskedCrc32c(out.array(), 0, 8));
        out.put(data);
        out.putInt(maskedCrc32c(data, 0, data.length));
        return out.array();
    }
}
