package org.reste.tasks.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@code tf.train.Example} (TensorFlow's {@code example.proto} / {@code feature.proto}),
 * encoded and decoded by hand in the protobuf wire format, so no protobuf runtime is needed:
 *
 * <pre>
 *   Example   { Features features = 1; }
 *   Features  { map&lt;string, Feature&gt; feature = 1; }   // entries: { string key = 1; Feature value = 2; }
 *   Feature   { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; } }
 *   BytesList { repeated bytes value = 1; }
 *   FloatList { repeated float value = 1 [packed = true]; }
 *   Int64List { repeated int64 value = 1 [packed = true]; }
 * </pre>
 *
 * <p>Encoding is deterministic (features sorted by key, numbers packed), so one example always
 * gives the same bytes. Decoding accepts what any protobuf writer may produce: packed or unpacked
 * numbers, fields in any order, unknown fields (skipped), a repeated map key (the last wins).
 *
 * <p>The features this project writes are the constants below: {@link #rawImage} for uint8 CHW
 * pixels (CIFAR-10, Fashion-MNIST), {@link #encodedImage} for a JPEG/PNG file (ImageNet).
 */
public final class TfExample {

    /** uint8 pixels, CHW, row-major: exactly channels * height * width bytes. */
    public static final String IMAGE_RAW = "image/raw";
    /** The bytes of a JPEG or PNG file, as read from disk. */
    public static final String IMAGE_ENCODED = "image/encoded";
    /** "jpeg" or "png" (with {@link #IMAGE_ENCODED}). */
    public static final String IMAGE_FORMAT = "image/format";
    /** The source file, relative to its split folder, e.g. "n01440764/n01440764_10026.JPEG". */
    public static final String IMAGE_FILENAME = "image/filename";
    public static final String LABEL = "image/class/label";
    /** {@code <dataset>/<split>/<index>}, e.g. "cifar10/train/00042"; the index orders a split. */
    public static final String ID = "image/id";
    public static final String HEIGHT = "image/height";
    public static final String WIDTH = "image/width";
    public static final String CHANNELS = "image/channels";

    /** One feature: a list of byte strings, floats or int64s. */
    public sealed interface Feature permits BytesList, FloatList, Int64List {
        /** "bytes_list", "float_list" or "int64_list", as the proto names them. */
        String kind();

        int size();
    }

    /** {@code BytesList}; the arrays are shared, not copied. */
    public record BytesList(List<byte[]> values) implements Feature {
        public BytesList {
            values = List.copyOf(values);
        }

        @Override
        public String kind() {
            return "bytes_list";
        }

        @Override
        public int size() {
            return values.size();
        }
    }

    public record FloatList(float[] values) implements Feature {
        @Override
        public String kind() {
            return "float_list";
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    public record Int64List(long[] values) implements Feature {
        @Override
        public String kind() {
            return "int64_list";
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    private final SortedMap<String, Feature> features;

    private TfExample(SortedMap<String, Feature> features) {
        this.features = Collections.unmodifiableSortedMap(features);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A raw-pixel image: id, label, CHW uint8 pixels and their shape. */
    public static TfExample rawImage(String id, int label, int channels, int height, int width, byte[] pixels) {
        if ((long) channels * height * width != pixels.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %,d pixel bytes, expected %dx%dx%d", id, pixels.length, channels, height, width));
        }
        return builder().bytes(ID, id.getBytes(StandardCharsets.UTF_8)).int64(LABEL, label)
                .bytes(IMAGE_RAW, pixels).int64(CHANNELS, channels).int64(HEIGHT, height).int64(WIDTH, width)
                .build();
    }

    /**
     * An encoded image file: id, label, the file's bytes, its format and name; height, width and
     * channels where known (null: not written).
     */
    public static TfExample encodedImage(String id, int label, byte[] file, String format, String filename,
                                         Integer height, Integer width, Integer channels) {
        Builder builder = builder().bytes(ID, id.getBytes(StandardCharsets.UTF_8)).int64(LABEL, label)
                .bytes(IMAGE_ENCODED, file).bytes(IMAGE_FORMAT, format.getBytes(StandardCharsets.UTF_8))
                .bytes(IMAGE_FILENAME, filename.getBytes(StandardCharsets.UTF_8));
        if (height != null) {
            builder.int64(HEIGHT, height);
        }
        if (width != null) {
            builder.int64(WIDTH, width);
        }
        if (channels != null) {
            builder.int64(CHANNELS, channels);
        }
        return builder.build();
    }

    /** The id of image {@code index} of a split, e.g. {@code id("cifar10", "train", 42)} = "cifar10/train/00042". */
    public static String id(String dataset, String split, int index) {
        return String.format(Locale.ROOT, "%s/%s/%05d", dataset, split, index);
    }

    /**
     * The index at the end of an id ("cifar10/train/00042" gives 42).
     *
     * @throws IllegalArgumentException if the id does not end in "/" and a non-negative decimal number
     */
    public static int indexOf(String id) {
        int slash = id.lastIndexOf('/');
        String digits = id.substring(slash + 1);
        if (slash < 0 || digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("id '" + id + "' does not end in /<index>");
        }
        return Integer.parseInt(digits);
    }

    /** Every feature, sorted by key. */
    public SortedMap<String, Feature> features() {
        return features;
    }

    public boolean has(String key) {
        return features.containsKey(key);
    }

    public Optional<Feature> feature(String key) {
        return Optional.ofNullable(features.get(key));
    }

    /** The single byte string of feature {@code key} (shared, do not modify). */
    public byte[] bytes(String key) {
        return single(key, BytesList.class).values().get(0);
    }

    /** The single byte string of feature {@code key} as UTF-8 text. */
    public String string(String key) {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }

    /** The single int64 of feature {@code key}. */
    public long int64(String key) {
        return single(key, Int64List.class).values()[0];
    }

    /** The single float of feature {@code key}. */
    public float float32(String key) {
        return single(key, FloatList.class).values()[0];
    }

    private <T extends Feature> T single(String key, Class<T> type) {
        Feature feature = features.get(key);
        if (feature == null) {
            throw new IllegalArgumentException("feature '" + key + "' is missing");
        }
        if (!type.isInstance(feature)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "feature '%s' is a %s, expected a %s",
                    key, feature.kind(), type.getSimpleName().replace("List", "").toLowerCase(Locale.ROOT) + "_list"));
        }
        if (feature.size() != 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "feature '%s' has %d values, expected exactly 1", key, feature.size()));
        }
        return type.cast(feature);
    }

    // ---------------------------------------------------------------- encoding

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LEN = 2;
    private static final int FIXED32 = 5;

    /** The serialized {@code tf.train.Example}. */
    public byte[] toByteArray() {
        ByteArrayOutputStream featuresMessage = new ByteArrayOutputStream();
        for (Map.Entry<String, Feature> entry : features.entrySet()) {
            ByteArrayOutputStream mapEntry = new ByteArrayOutputStream();
            writeLengthDelimited(mapEntry, 1, entry.getKey().getBytes(StandardCharsets.UTF_8));
            writeLengthDelimited(mapEntry, 2, encodeFeature(entry.getValue()));
            writeLengthDelimited(featuresMessage, 1, mapEntry.toByteArray());
        }
        ByteArrayOutputStream example = new ByteArrayOutputStream();
        writeLengthDelimited(example, 1, featuresMessage.toByteArray());
        return example.toByteArray();
    }

    private static byte[] encodeFeature(Feature feature) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        int field;
        if (feature instanceof BytesList bytes) {
            field = 1;
            for (byte[] value : bytes.values()) {
                writeLengthDelimited(list, 1, value);
            }
        } else if (feature instanceof FloatList floats) {
            field = 2;
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            for (float value : floats.values()) {
                int bits = Float.floatToRawIntBits(value);
                for (int i = 0; i < 4; i++) {
                    packed.write(bits >>> (8 * i));
                }
            }
            if (floats.values().length > 0) {
                writeLengthDelimited(list, 1, packed.toByteArray());
            }
        } else {
            field = 3;
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            for (long value : ((Int64List) feature).values()) {
                writeVarint(packed, value);
            }
            if (feature.size() > 0) {
                writeLengthDelimited(list, 1, packed.toByteArray());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLengthDelimited(out, field, list.toByteArray());
        return out.toByteArray();
    }

    private static void writeLengthDelimited(ByteArrayOutputStream out, int field, byte[] payload) {
        writeVarint(out, (field << 3) | LEN);
        writeVarint(out, payload.length);
        out.writeBytes(payload);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Parses a serialized {@code tf.train.Example}.
     *
     * @throws IllegalArgumentException naming the byte offset if the bytes are not a valid Example
     */
    public static TfExample parse(byte[] bytes) {
        Reader example = new Reader(bytes, 0, bytes.length);
        SortedMap<String, Feature> features = new TreeMap<>();
        while (example.more()) {
            int tag = example.tag();
            if (tag == ((1 << 3) | LEN)) {
                parseFeatures(example.message(), features);
            } else {
                example.skip(tag);
            }
        }
        return new TfExample(features);
    }

    private static void parseFeatures(Reader in, SortedMap<String, Feature> features) {
        while (in.more()) {
            int tag = in.tag();
            if (tag != ((1 << 3) | LEN)) {
                in.skip(tag);
                continue;
            }
            Reader entry = in.message();
            String key = "";
            Feature value = new BytesList(List.of()); // proto default: an empty Feature
            while (entry.more()) {
                int entryTag = entry.tag();
                if (entryTag == ((1 << 3) | LEN)) {
                    key = entry.string();
                } else if (entryTag == ((2 << 3) | LEN)) {
                    value = parseFeature(entry.message());
                } else {
                    entry.skip(entryTag);
                }
            }
            features.put(key, value);
        }
    }

    private static Feature parseFeature(Reader in) {
        Feature feature = new BytesList(List.of());
        while (in.more()) {
            int tag = in.tag();
            switch (tag) {
                case (1 << 3) | LEN -> feature = parseBytes(in.message());
                case (2 << 3) | LEN -> feature = parseFloats(in.message());
                case (3 << 3) | LEN -> feature = parseInt64s(in.message());
                default -> in.skip(tag);
            }
        }
        return feature;
    }

    private static BytesList parseBytes(Reader in) {
        List<byte[]> values = new ArrayList<>();
        while (in.more()) {
            int tag = in.tag();
            if (tag == ((1 << 3) | LEN)) {
                values.add(in.bytes());
            } else {
                in.skip(tag);
            }
        }
        return new BytesList(values);
    }

    private static FloatList parseFloats(Reader in) {
        float[] values = new float[8];
        int n = 0;
        while (in.more()) {
            int tag = in.tag();
            if (tag == ((1 << 3) | LEN)) { // packed
                Reader packed = in.message();
                if (packed.remaining() % 4 != 0) {
                    throw packed.error("packed float list of %d bytes is not a multiple of 4", packed.remaining());
                }
                while (packed.more()) {
                    values = grow(values, n);
                    values[n++] = Float.intBitsToFloat(packed.fixed32());
                }
            } else if (tag == ((1 << 3) | FIXED32)) { // unpacked
                values = grow(values, n);
                values[n++] = Float.intBitsToFloat(in.fixed32());
            } else {
                in.skip(tag);
            }
        }
        return new FloatList(Arrays.copyOf(values, n));
    }

    private static Int64List parseInt64s(Reader in) {
        long[] values = new long[8];
        int n = 0;
        while (in.more()) {
            int tag = in.tag();
            if (tag == ((1 << 3) | LEN)) { // packed
                Reader packed = in.message();
                while (packed.more()) {
                    values = grow(values, n);
                    values[n++] = packed.varint();
                }
            } else if (tag == ((1 << 3) | VARINT)) { // unpacked
                values = grow(values, n);
                values[n++] = in.varint();
            } else {
                in.skip(tag);
            }
        }
        return new Int64List(Arrays.copyOf(values, n));
    }

    private static float[] grow(float[] values, int n) {
        return n < values.length ? values : Arrays.copyOf(values, values.length * 2);
    }

    private static long[] grow(long[] values, int n) {
        return n < values.length ? values : Arrays.copyOf(values, values.length * 2);
    }

    /** A bounded view of the input: [pos, limit). */
    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int limit;

        Reader(byte[] buf, int pos, int limit) {
            this.buf = buf;
            this.pos = pos;
            this.limit = limit;
        }

        boolean more() {
            return pos < limit;
        }

        int remaining() {
            return limit - pos;
        }

        int tag() {
            long tag = varint();
            if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
                throw error("invalid field tag %d", tag);
            }
            return (int) tag;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= limit) {
                    throw error("truncated varint");
                }
                byte b = buf[pos++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw error("varint longer than 10 bytes");
        }

        int fixed32() {
            need(4);
            int value = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16
                    | (buf[pos + 3] & 0xFF) << 24;
            pos += 4;
            return value;
        }

        /** The next length-delimited field's payload as a sub-reader; this reader moves past it. */
        Reader message() {
            int length = length();
            Reader sub = new Reader(buf, pos, pos + length);
            pos += length;
            return sub;
        }

        byte[] bytes() {
            int length = length();
            byte[] value = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return value;
        }

        String string() {
            int length = length();
            String value = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return value;
        }

        private int length() {
            long length = varint();
            if (length < 0 || length > limit - pos) {
                throw error("length %d runs past the end of its message (%d bytes left)", length, limit - pos);
            }
            return (int) length;
        }

        private void need(int n) {
            if (limit - pos < n) {
                throw error("truncated: %d bytes needed, %d left", n, limit - pos);
            }
        }

        void skip(int tag) {
            switch (tag & 7) {
                case VARINT -> varint();
                case FIXED64 -> {
                    need(8);
                    pos += 8;
                }
                case LEN -> {
                    int length = length(); // reads the length varint: must happen before pos is read
                    pos += length;
                }
                case FIXED32 -> {
                    need(4);
                    pos += 4;
                }
                default -> throw error("unsupported wire type %d (field %d)", tag & 7, tag >>> 3);
            }
        }

        IllegalArgumentException error(String format, Object... args) {
            return new IllegalArgumentException("malformed tf.train.Example at byte " + pos + ": "
                    + String.format(Locale.ROOT, format, args));
        }
    }

    // ---------------------------------------------------------------- value semantics

    /** Equal when the deterministic encodings are equal (same keys, kinds and values). */
    @Override
    public boolean equals(Object other) {
        return other instanceof TfExample that && Arrays.equals(toByteArray(), that.toByteArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toByteArray());
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TfExample{");
        String separator = "";
        for (Map.Entry<String, Feature> entry : features.entrySet()) {
            text.append(separator).append(entry.getKey()).append(": ").append(describe(entry.getValue()));
            separator = ", ";
        }
        return text.append('}').toString();
    }

    private static String describe(Feature feature) {
        if (feature instanceof Int64List ints) {
            return Arrays.toString(ints.values());
        }
        if (feature instanceof FloatList floats) {
            return Arrays.toString(floats.values());
        }
        List<byte[]> values = ((BytesList) feature).values();
        return values.size() == 1 && values.get(0).length <= 64
                ? "\"" + new String(values.get(0), StandardCharsets.UTF_8) + "\""
                : values.stream().map(b -> b.length + " bytes").toList().toString();
    }

    /** Builds an example; a key added twice keeps the last value. */
    public static final class Builder {
        private final SortedMap<String, Feature> features = new TreeMap<>();

        private Builder() {}

        public Builder bytes(String key, byte[]... values) {
            return put(key, new BytesList(Arrays.asList(values)));
        }

        public Builder int64(String key, long... values) {
            return put(key, new Int64List(values.clone()));
        }

        public Builder floats(String key, float... values) {
            return put(key, new FloatList(values.clone()));
        }

        public Builder put(String key, Feature feature) {
            features.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(feature, "feature"));
            return this;
        }

        public TfExample build() {
            return new TfExample(new TreeMap<>(features));
        }
    }
}
