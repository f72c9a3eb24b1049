package org.reste.tasks.data.tfrecord;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.reste.tasks.data.tfrecord.proto.Example;
import org.reste.tasks.data.tfrecord.proto.Features;

/**
 * A {@code tf.train.Example} (TensorFlow's {@code example.proto} / {@code feature.proto}) as
 * plain Java values; the wire format is protobuf's own, through the classes protoc generates from
 * {@code src/main/proto/example.proto}:
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
 * gives the same bytes.
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

    // ---------------------------------------------------------------- wire format (protobuf)

    /** The serialized {@code tf.train.Example}; features go in key order, so the bytes are deterministic. */
    public byte[] toByteArray() {
        Features.Builder message = Features.newBuilder();
        features.forEach((key, feature) -> message.putFeature(key, toProto(feature)));
        return Example.newBuilder().setFeatures(message).build().toByteArray();
    }

    private static org.reste.tasks.data.tfrecord.proto.Feature toProto(Feature feature) {
        var proto = org.reste.tasks.data.tfrecord.proto.Feature.newBuilder();
        if (feature instanceof BytesList bytes) {
            proto.setBytesList(org.reste.tasks.data.tfrecord.proto.BytesList.newBuilder()
                    .addAllValue(bytes.values().stream().map(ByteString::copyFrom).toList()));
        } else if (feature instanceof FloatList floats) {
            var list = org.reste.tasks.data.tfrecord.proto.FloatList.newBuilder();
            for (float value : floats.values()) {
                list.addValue(value);
            }
            proto.setFloatList(list);
        } else {
            proto.setInt64List(org.reste.tasks.data.tfrecord.proto.Int64List.newBuilder()
                    .addAllValue(Arrays.stream(((Int64List) feature).values()).boxed().toList()));
        }
        return proto.build();
    }

    /**
     * Parses a serialized {@code tf.train.Example}: packed or unpacked numbers, fields in any
     * order, unknown fields (skipped) and a repeated map key (the last wins) all decode.
     *
     * @throws IllegalArgumentException if the bytes are not a valid Example
     */
    public static TfExample parse(byte[] bytes) {
        Example example;
        try {
            example = Example.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed tf.train.Example (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
        SortedMap<String, Feature> features = new TreeMap<>();
        example.getFeatures().getFeatureMap().forEach((key, feature) -> features.put(key, fromProto(feature)));
        return new TfExample(features);
    }

    private static Feature fromProto(org.reste.tasks.data.tfrecord.proto.Feature feature) {
        return switch (feature.getKindCase()) {
            case FLOAT_LIST -> {
                List<Float> values = feature.getFloatList().getValueList();
                float[] floats = new float[values.size()];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = values.get(i);
                }
                yield new FloatList(floats);
            }
            case INT64_LIST -> new Int64List(feature.getInt64List().getValueList().stream()
                    .mapToLong(Long::longValue).toArray());
            // An unset kind is proto's default Feature: read as an empty bytes list, as tf.data does.
            case BYTES_LIST, KIND_NOT_SET -> new BytesList(feature.getBytesList().getValueList().stream()
                    .map(ByteString::toByteArray).toList());
        };
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
