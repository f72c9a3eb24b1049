package org.reste.tasks.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Evaluation of a binary residual block in one pass per image on the CPU:
 *
 * <pre>
 *   h = bn1(relu(alpha1 * conv2d(sign(x), sign(w1))))
 *   y = bn2(relu(alpha2 * conv2d(sign(h), sign(w2)))) + shortcut
 * </pre>
 *
 * (conv -> ReLU -> BN, the order of the official binary ResNets). Both convolutions run on bits
 * ({@link XnorConvolution}); h never becomes a tensor: it is computed one image at a time, in
 * a buffer that stays in the cache, and goes straight into the second convolution's bits. Run by libtorch op by op, the
 * ReLUs, BatchNorms and the sum were each a pass over the block's activations, and the signs
 * another, as costly as the bit convolutions themselves.
 *
 * <p>BatchNorm in evaluation is an affine map per channel, {@code x * scale + shift} with
 * {@code scale = gamma / sqrt(var + eps)}, {@code shift = beta - mean * scale}, in float. The
 * values agree with libtorch's op-by-op path to a few ulps (it sums scaled signs where this scales
 * the exact integer sum, and it may fold BatchNorm in another order), so a sign of h can differ
 * only where h is within rounding of 0.
 */
public final class FusedBinaryBlock {

    private static final VectorSpecies<Integer> INTS = PixelBits.INTS;

    /** A binarized convolution in bits, its scale mean(|w|), and the BatchNorm after its ReLU, folded. */
    public record Stage(XnorConvolution conv, float alpha, float[] bnScale, float[] bnShift) {

        /** The BatchNorm's per-channel scale and shift from its parameters and running statistics, in float. */
        public static Stage of(XnorConvolution conv, float alpha, float[] gamma, float[] beta, float[] mean,
                float[] variance, float epsilon) {
            int channels = conv.outChannels();
            float[] scale = new float[channels];
            float[] shift = new float[channels];
            for (int c = 0; c < channels; c++) {
                float invstd = 1f / (float) Math.sqrt(variance[c] + epsilon);
                scale[c] = invstd * gamma[c];
                shift[c] = beta[c] - mean[c] * scale[c];
            }
            return new Stage(conv, alpha, scale, shift);
        }

        /** {@code max(0, sum * alpha) * scale + shift} for channel o, as {@link #reluThenAffine} computes it. */
        float valueOf(int o, int sum) {
            return Math.max(0f, sum * alpha) * bnScale[o] + bnShift[o];
        }

        /**
         * For each output channel, the window sums whose value after the ReLU and the BatchNorm is
         * positive, as one interval of integers; null where a sum in reach gives exactly 0 (sign 0)
         * or the positive sums are not one interval. The value is monotone in the sum where it is
         * positive and constant where it is not, so the interval always exists for a BatchNorm
         * whose shift is not 0; each sum in reach is tried, so the signs are exactly those of the
         * values.
         */
        PositiveSums positiveSums() {
            int reach = conv.windowSize();
            int channels = conv.outChannels();
            int[] low = new int[channels];
            int[] high = new int[channels];
            for (int o = 0; o < channels; o++) {
                low[o] = 1;
                high[o] = 0;
                boolean ended = false;
                for (int sum = -reach; sum <= reach; sum++) {
                    float value = valueOf(o, sum);
                    if (!(value != 0)) {
                        return null; // zero or NaN
                    }
                    boolean positive = value > 0;
                    if (positive && ended) {
                        return null;
                    }
                    if (positive && low[o] > high[o]) {
                        low[o] = sum;
                    }
                    if (positive) {
                        high[o] = sum;
                    }
                    ended |= !positive && low[o] <= high[o];
                }
            }
            return new PositiveSums(low, high);
        }
    }

    /** Per channel, the sums {@code low[o] <= s <= high[o]} whose value is positive (empty where low > high). */
    record PositiveSums(int[] low, int[] high) {}

    private FusedBinaryBlock() {}

    /**
     * The block's output for {@code x} ({@code [N, C, H, W]}, CPU float32) as a new tensor, with
     * {@code shortcut} (the shortcut branch's output, shaped as the result) added; null where the
     * bit path does not apply (a NaN, a tensor that is not CPU float32): the caller then runs the
     * block op by op.
     */
    public static NDArray evaluate(NDArray x, NDArray shortcut, Stage first, Stage second) {
        if (!CpuFloatTensors.eligible(x) || !CpuFloatTensors.eligible(shortcut)) {
            return null;
        }
        Shape shape = x.getShape();
        int images = Math.toIntExact(shape.get(0));
        int channels = Math.toIntExact(shape.get(1));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        int midHeight = first.conv.outHeight(height);
        int midWidth = first.conv.outWidth(width);
        int outHeight = second.conv.outHeight(midHeight);
        int outWidth = second.conv.outWidth(midWidth);
        int outChannels = second.conv.outChannels();
        Shape outShape = new Shape(images, outChannels, outHeight, outWidth);
        if (!shortcut.getShape().equals(outShape)) {
            throw new IllegalArgumentException("shortcut " + shortcut.getShape() + " is not the block's output " + outShape);
        }
        FloatBuffer in = CpuFloatTensors.memory(x).asFloatBuffer();
        FloatBuffer added = CpuFloatTensors.memory(shortcut).asFloatBuffer();
        NDArray result = CpuFloatTensors.empty(x, outShape);
        FloatBuffer out = CpuFloatTensors.memory(result).asFloatBuffer();
        boolean[] sawNaN = new boolean[1];
        int stack = Math.max(1, Math.min(16, 1024 / (outHeight * outWidth)));
        int middleChannels = first.conv.outChannels();
        int middlePlane = midHeight * midWidth;
        int outPlane = outHeight * outWidth;
        int outSize = outChannels * outPlane;
        PositiveSums middleSigns = first.positiveSums();
        ParallelRanges.run(images, 1, 1, "a fused binary block", (from, to) -> {
            XnorConvolution.Scratch one = first.conv.scratch(height, width, stack);
            XnorConvolution.Scratch two = second.conv.scratch(midHeight, midWidth, stack);
            try {
                float[] image = new float[channels * height * width];
                float[] middle = middleSigns == null ? new float[stack * middleChannels * middlePlane] : null;
                int[] middleBits = middleSigns == null ? null : new int[one.grid];
                float[] output = new float[stack * outSize];
                for (int start = from; start < to && !sawNaN[0]; start += stack) {
                    int count = Math.min(stack, to - start);
                    for (int b = 0; b < count; b++) {
                        in.get((start + b) * image.length, image);
                        if (!one.input.pack(image, 0, b)) {
                            sawNaN[0] = true;
                            return;
                        }
                    }
                    int[][] sums = one.run();
                    if (middleSigns != null) {
                        signsInto(two.input, sums, middleSigns, middleBits, one, count, midHeight);
                    } else {
                        for (int b = 0; b < count; b++) {
                            for (int o = 0; o < middleChannels; o++) {
                                reluThenAffine(middle, (b * middleChannels + o) * middlePlane, sums[o], b * middlePlane,
                                        middlePlane, first, o, false);
                            }
                            if (!two.input.pack(middle, b * middleChannels * middlePlane, b)) {
                                sawNaN[0] = true;
                                return;
                            }
                        }
                    }
                    sums = two.run();
                    added.get(start * outSize, output, 0, count * outSize);
                    for (int b = 0; b < count; b++) {
                        for (int o = 0; o < outChannels; o++) {
                            reluThenAffine(output, (b * outChannels + o) * outPlane, sums[o], b * outPlane, outPlane,
                                    second, o, true);
                        }
                    }
                    out.put(start * outSize, output, 0, count * outSize);
                }
            } finally {
                first.conv.release(one);
                second.conv.release(two);
            }
        });
        if (sawNaN[0]) {
            result.close();
            return null;
        }
        return result;
    }

    /**
     * The middle activation's signs straight from the first convolution's sums: each channel's
     * bit where its sum lies in the channel's positive interval, 32 channels to a word, over the
     * whole grid at once; then its rows into {@code target}. The middle values themselves are
     * never made.
     */
    private static void signsInto(PixelBits target, int[][] sums, PositiveSums positive, int[] bits,
            XnorConvolution.Scratch scratch, int images, int height) {
        int channels = sums.length;
        int lanes = INTS.length();
        int vectorEnd = bits.length - bits.length % lanes;
        for (int word = 0; word * 32 < channels; word++) {
            int first = 32 * word;
            int last = Math.min(channels, first + 32);
            for (int i = 0; i < vectorEnd; i += lanes) {
                IntVector signs = IntVector.zero(INTS);
                for (int o = first; o < last; o++) {
                    IntVector sum = IntVector.fromArray(INTS, sums[o], i);
                    signs = signs.lanewise(VectorOperators.OR, 1 << (o - first),
                            sum.compare(VectorOperators.GE, positive.low[o]).and(sum.compare(VectorOperators.LE, positive.high[o])));
                }
                signs.intoArray(bits, i);
            }
            for (int i = vectorEnd; i < bits.length; i++) {
                int signs = 0;
                for (int o = first; o < last; o++) {
                    int sum = sums[o][i];
                    signs |= sum >= positive.low[o] && sum <= positive.high[o] ? 1 << (o - first) : 0;
                }
                bits[i] = signs;
            }
            for (int b = 0; b < images; b++) {
                for (int y = 0; y < height; y++) {
                    target.putRow(word, b, y, bits, scratch.rowStart(b, y));
                }
            }
        }
    }

    /**
     * {@code values[at + i] = max(0, sums[from + i] * alpha) * scale + shift} for channel o of
     * {@code stage} ({@link Stage#valueOf}'s order of operations), plus what {@code values} held
     * there where {@code add} (the shortcut).
     */
    private static void reluThenAffine(float[] values, int at, int[] sums, int from, int length, Stage stage, int o,
            boolean add) {
        float alpha = stage.alpha;
        float scale = stage.bnScale[o];
        float shift = stage.bnShift[o];
        int lanes = INTS.length();
        int i = 0;
        for (int end = length - length % lanes; i < end; i += lanes) {
            FloatVector v = ((FloatVector) IntVector.fromArray(INTS, sums, from + i).convert(VectorOperators.I2F, 0))
                    .mul(alpha).max(0f).mul(scale).add(shift);
            if (add) {
                v = v.add(FloatVector.fromArray(PixelBits.FLOATS, values, at + i));
            }
            v.intoArray(values, at + i);
        }
        for (; i < length; i++) {
            float value = Math.max(0f, sums[from + i] * alpha) * scale + shift;
            values[at + i] = add ? value + values[at + i] : value;
        }
    }
}
