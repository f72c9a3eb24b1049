package org.reste.tasks.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.reste.tasks.data.DatasetException;

class TfRecordReaderTest {

    private static final Path SHARD = Path.of("/data/shards/train-00000-of-00001.tfrecord");

    /** RFC 3720 B.4, the vectors TensorFlow's own crc32c_test.cc checks: CRC32C is the right CRC. */
    @Test
    void crc32cIsCastagnoli() {
        assertEquals(0x8a9136aaL, crc(new byte[32]));
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals(0x62a8ab43L, crc(ones));
        byte[] up = new byte[32];
        byte[] down = new byte[32];
        for (int i = 0; i < 32; i++) {
            up[i] = (byte) i;
            down[i] = (byte) (31 - i);
        }
        assertEquals(0x46dd794eL, crc(up));
        assertEquals(0x113fdb5cL, crc(down));
        assertEquals(0xe3069283L, crc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void maskAndUnmask() {
        assertEquals(0xa282ead8, TfRecordReader.mask(0));
        // ((0xe3069283 >>> 15) | (0xe3069283 << 17)) + 0xa282ead8, worked out by hand / in Python
        assertEquals(0xc78ab0e5, TfRecordReader.mask(0xe3069283));
        for (int crc : new int[] {0, 1, -1, 0xe3069283, 0x12345678, Integer.MIN_VALUE}) {
            assertEquals(crc, TfRecordReader.unmask(TfRecordReader.mask(crc)));
            assertNotEquals(crc, TfRecordReader.mask(crc));
            assertEquals(crc, TfRecordReader.unmask(TfRecordReader.unmask(TfRecordReader.mask(TfRecordReader.mask(crc)))));
        }
    }

    /**
     * Known TensorFlow-compatible checksums. The Snappy framing format uses the same masked CRC-32C
     * (leveldb's crc32c::Mask), and public Snappy test vectors carry the 8-byte little-endian
     * integers 5 and 0 with checksum bytes {@code ea b2 04 3e} and {@code 29 03 98 07}: exactly the
     * length-field checksums of a 5-byte and an empty TFRecord.
     */
    @Test
    void headerChecksumsMatchKnownValues() {
        assertArrayEquals(HexFormat.of().parseHex("0500000000000000eab2043e"),
                Arrays.copyOf(TfRecordReader.frame("hello".getBytes(StandardCharsets.US_ASCII)), 12));
        assertArrayEquals(HexFormat.of().parseHex("000000000000000029039807" + "d8ea82a2"),
                TfRecordReader.frame(new byte[0]), "empty record: data checksum is mask(0)");
    }

    /** Records framed here by hand, with a CRC-32C written out bit by bit (not java.util.zip). */
    @Test
    void readsHandFramedRecords() {
        byte[] one = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] two = new byte[1000];
        Arrays.fill(two, (byte) 7);
        byte[] file = concat(handFrame(one), handFrame(new byte[0]), handFrame(two));
        assertArrayEquals(HexFormat.of().parseHex("0500000000000000eab2043e68656c6c6fbb1f1c19"), handFrame(one));
        assertArrayEquals(concat(TfRecordReader.frame(one), TfRecordReader.frame(new byte[0]), TfRecordReader.frame(two)),
                file, "frame() agrees with the hand framing");

        TfRecordReader reader = new TfRecordReader(new ByteArrayInputStream(file), SHARD);
        assertArrayEquals(one, reader.next());
        assertArrayEquals(new byte[0], reader.next());
        assertArrayEquals(two, reader.next());
        assertNull(reader.next());
        assertEquals(3, reader.recordsRead());
    }

    @Test
    void aFlippedByteAnywhereFailsNamingShardAndRecord() {
        byte[] first = handFrame("first".getBytes(StandardCharsets.US_ASCII));
        byte[] second = handFrame("second record".getBytes(StandardCharsets.US_ASCII));
        byte[] file = concat(first, second);
        for (int at = first.length; at < file.length; at++) {
            byte[] damaged = file.clone();
            damaged[at] ^= 0x10;
            DatasetException e = assertThrows(DatasetException.class, () -> readAll(damaged), "byte " + at);
            assertTrue(e.getMessage().startsWith(SHARD + ": record 1 (at byte " + first.length + "): "), e.getMessage());
            // a changed length (or its checksum) fails the header check before any data is read
            String expected = at < first.length + 12 ? "corrupt header" : "corrupt data";
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void aTruncatedFileFailsNamingShardAndRecord() {
        byte[] first = handFrame(new byte[10]);
        byte[] file = concat(first, handFrame(new byte[100]));
        for (int length : new int[] {first.length + 5, first.length + 12, first.length + 60, file.length - 1}) {
            byte[] cut = Arrays.copyOf(file, length);
            DatasetException e = assertThrows(DatasetException.class, () -> readAll(cut));
            assertTrue(e.getMessage().startsWith(SHARD + ": record 1 "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        assertEquals(1, readAll(first), "a file ending between records is complete");
    }

    private static int readAll(byte[] file) {
        TfRecordReader reader = new TfRecordReader(new ByteArrayInputStream(file), SHARD);
        while (reader.next() != null) {
            // read on
        }
        return reader.recordsRead();
    }

    private static long crc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return crc.getValue();
    }

    /** The TFRecord framing, with a bitwise CRC-32C (reflected polynomial 0x82f63b78). */
    static byte[] handFrame(byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(data.length);
        out.putInt(handMask(bitwiseCrc32c(Arrays.copyOf(out.array(), 8))));
        out.put(data);
        out.putInt(handMask(bitwiseCrc32c(data)));
        return out.array();
    }

    private static int bitwiseCrc32c(byte[] data) {
        int crc = 0xffffffff;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    private static int handMask(int crc) {
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
