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
        int stack = stackOf(first.conv, height, second.conv, midHeight, outHeight * outWidth);
        int middleChannels = first.conv.outChannels();
        int middleSize = middleChannels * midHeight * midWidth;
        int outSize = outChannels * outHeight * outWidth;
        PositiveSums middleSigns = first.positiveSums();
        ParallelRanges.run(images, 1, 1, "a fused binary block", (from, to) -> {
            XnorConvolution.Scratch one = first.conv.scratch(height, width, stack);
            XnorConvolution.Scratch two = second.conv.scratch(midHeight, midWidth, stack);
            float[] image = new float[channels * height * width];
            float[] values = new float[Math.max(one.grid, two.grid)];
            float[] middle = middleSigns == null ? new float[stack * middleSize] : null;
            int[] middleBits = middleSigns == null ? null : new int[one.grid];
            float[] output = new float[stack * outSize];
            float[] shortcutImages = new float[stack * outSize];
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
                    for (int o = 0; o < middleChannels; o++) {
                        reluThenAffine(values, sums[o], first.alpha, first.bnScale[o], first.bnShift[o]);
                        for (int b = 0; b < count; b++) {
                            compact(values, one, b, middle, b * middleChannels + o, midHeight, midWidth);
                        }
                    }
                    for (int b = 0; b < count; b++) {
                        if (!two.input.pack(middle, b * middleSize, b)) {
                            sawNaN[0] = true;
                            return;
                        }
                    }
                }
                sums = two.run();
                for (int o = 0; o < outChannels; o++) {
                    reluThenAffine(values, sums[o], second.alpha, second.bnScale[o], second.bnShift[o]);
                    for (int b = 0; b < count; b++) {
                        compact(values, two, b, output, b * outChannels + o, outHeight, outWidth);
                    }
                }
                added.get(start * outSize, shortcutImages, 0, count * outSize);
                addInto(output, shortcutImages, count * outSize);
                out.put(start * outSize, output, 0, count * outSize);
            }
        });
        if (sawNaN[0]) {
            result.close();
            return null;
        }
        return result;
    }

    /**
     * Images at a time: one where an image's output is large (its loops are long already), up to
     * 16 where it is small, as long as the strides divide the padded heights.
     */
    private static int stackOf(XnorConvolution first, int height, XnorConvolution second, int midHeight, int outputs) {
        if (!first.stacks(height) || !second.stacks(midHeight)) {
            return 1;
        }
        return Math.max(1, Math.min(16, 1024 / outputs));
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

    /** Plane {@code plane} of {@code images} ({@code [..][height][width]}) from image {@code b}'s rows in {@code grid}. */
    private static void compact(float[] grid, XnorConvolution.Scratch scratch, int b, float[] images, int plane,
            int height, int width) {
        for (int y = 0; y < height; y++) {
            System.arraycopy(grid, scratch.rowStart(b, y), images, (plane * height + y) * width, width);
        }
    }

    /** {@code sums[i] += added[i]} for the first {@code length}: a loop C2 vectorizes. */
    private static void addInto(float[] sums, float[] added, int length) {
        for (int i = 0; i < length; i++) {
            sums[i] += added[i];
        }
    }

    /** {@code values[i] = max(0, sums[i] * alpha) * scale + shift} over the sums ({@link Stage#valueOf}'s order of operations). */
    private static void reluThenAffine(float[] values, int[] sums, float alpha, float scale, float shift) {
        int i = 0;
        for (int end = sums.length - sums.length % INTS.length(); i < end; i += INTS.length()) {
            FloatVector v = (FloatVector) IntVector.fromArray(INTS, sums, i).convert(VectorOperators.I2F, 0);
            v.mul(alpha).max(0f).mul(scale).add(shift).intoArray(values, i);
        }
        for (; i < sums.length; i++) {
            values[i] = Math.max(0f, sums[i] * alpha) * scale + shift;
        }
    }
}
