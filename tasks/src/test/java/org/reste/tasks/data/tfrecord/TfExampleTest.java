package org.reste.tasks.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfExampleTest {

    @Test
    void rawImageRoundTrips() {
        byte[] pixels = new byte[3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        TfExample example = TfExample.rawImage("cifar10/train/00042", 7, 3, 4, 5, pixels);
        TfExample back = TfExample.parse(example.toByteArray());

        assertEquals(example, back);
        assertEquals("cifar10/train/00042", back.string(TfExample.ID));
        assertEquals(7, back.int64(TfExample.LABEL));
        assertEquals(3, back.int64(TfExample.CHANNELS));
        assertEquals(4, back.int64(TfExample.HEIGHT));
        assertEquals(5, back.int64(TfExample.WIDTH));
        assertArrayEquals(pixels, back.bytes(TfExample.IMAGE_RAW));
        assertEquals(42, TfExample.indexOf(back.string(TfExample.ID)));
        assertArrayEquals(example.toByteArray(), back.toByteArray(), "encoding is deterministic");
    }

    @Test
    void encodedImageRoundTripsWithOptionalShape() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2};
        TfExample example = TfExample.encodedImage("imagenet/val/00003", 1, jpeg, "jpeg", "b/x.JPEG", 7, 9, null);
        TfExample back = TfExample.parse(example.toByteArray());
        assertEquals(example, back);
        assertArrayEquals(jpeg, back.bytes(TfExample.IMAGE_ENCODED));
        assertEquals("jpeg", back.string(TfExample.IMAGE_FORMAT));
        assertEquals("b/x.JPEG", back.string(TfExample.IMAGE_FILENAME));
        assertEquals(7, back.int64(TfExample.HEIGHT));
        assertFalse(back.has(TfExample.CHANNELS));
    }

    @Test
    void everyKindAndEdgeValueRoundTrips() {
        TfExample example = TfExample.builder()
                .int64("ints", 0, 1, -1, 127, 128, 300, Long.MAX_VALUE, Long.MIN_VALUE)
                .floats("floats", 0f, -1.5f, Float.MAX_VALUE, Float.NaN)
                .bytes("many", new byte[0], "a".getBytes(StandardCharsets.UTF_8), new byte[300])
                .int64("empty")
                .put("ümlaut/key", new TfExample.BytesList(List.of(new byte[] {9})))
                .build();
        TfExample back = TfExample.parse(example.toByteArray());
        assertEquals(example, back);
        assertArrayEquals(new long[] {0, 1, -1, 127, 128, 300, Long.MAX_VALUE, Long.MIN_VALUE},
                ((TfExample.Int64List) back.feature("ints").orElseThrow()).values());
        assertArrayEquals(new float[] {0f, -1.5f, Float.MAX_VALUE, Float.NaN},
                ((TfExample.FloatList) back.feature("floats").orElseThrow()).values());
        assertEquals(3, back.feature("many").orElseThrow().size());
        assertEquals(0, back.feature("empty").orElseThrow().size());
        assertArrayEquals(new byte[] {9}, back.bytes("ümlaut/key"));
    }

    /**
     * The bytes protobuf itself gives for
     * {@code Example(features=Features(feature={"a": Feature(int64_list=Int64List(value=[1]))}))}:
     * Example.features(1) > Features.feature(1) map entry {key(1) "a", value(2) Feature{int64_list(3) {packed value(1) [1]}}}.
     */
    @Test
    void matchesTheProtobufWireFormat() {
        byte[] expected = HexFormat.of().parseHex("0a0c0a0a0a016112051a030a0101");
        TfExample example = TfExample.builder().int64("a", 1).build();
        assertArrayEquals(expected, example.toByteArray());
        assertEquals(1, TfExample.parse(expected).int64("a"));
    }

    /** Other writers may emit unpacked numbers, reorder fields and add unknown ones; all decode. */
    @Test
    void decodesUnpackedNumbersAndSkipsUnknownFields() {
        // Int64List{value: 5 (unpacked varint), value: 6}; FloatList{value: 1.0f unpacked fixed32}
        String int64List = "0805" + "0806";
        String feature = "1a04" + int64List;
        String entry = "0a0178" + "12" + "06" + feature; // key "x"
        String floatFeature = "12" + "05" + "0d0000803f"; // FloatList{1: fixed32 1.0f}
        String floatEntry = "0a0179" + "12" + "07" + floatFeature; // key "y"
        String unknownInFeatures = "1003"; // field 2 varint 3 (not in the proto)
        String features = "0a0b" + entry + "0a0c" + floatEntry + unknownInFeatures;
        String example = "0a" + String.format("%02x", features.length() / 2) + features + "3a0201ff"; // + unknown field 7
        TfExample parsed = TfExample.parse(HexFormat.of().parseHex(example));
        assertArrayEquals(new long[] {5, 6}, ((TfExample.Int64List) parsed.feature("x").orElseThrow()).values());
        assertEquals(1.0f, parsed.float32("y"));
        assertEquals(2, parsed.features().size());
    }

    @Test
    void malformedBytesAndWrongAccessesFailClearly() {
        byte[] good = TfExample.rawImage("d/train/00001", 1, 1, 1, 2, new byte[] {1, 2}).toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfExample.parse(truncated));
        assertTrue(e.getMessage().contains("malformed tf.train.Example"), e.getMessage());

        TfExample example = TfExample.parse(good);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> example.int64(TfExample.ID))
                .getMessage().contains("is a bytes_list, expected a int64_list"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> example.bytes("image/nope"))
                .getMessage().contains("'image/nope' is missing"));
        assertThrows(IllegalArgumentException.class, () -> TfExample.rawImage("x/0", 0, 3, 2, 2, new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> TfExample.indexOf("cifar10/train/"));
        assertThrows(IllegalArgumentException.class, () -> TfExample.indexOf("cifar10/train/-1"));
        assertEquals("fashion-mnist/test/1234567", TfExample.id("fashion-mnist", "test", 1_234_567));
        assertEquals(1_234_567, TfExample.indexOf("fashion-mnist/test/1234567"));
    }
}
