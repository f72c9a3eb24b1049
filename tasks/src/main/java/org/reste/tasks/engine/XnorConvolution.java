package org.reste.tasks.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code conv2d(sign(x), sign(w))} on the CPU with bits instead of floats, for evaluation:
 * every product of two signs is +1 or -1, so a window's sum is
 * {@code nonzero - 2 * popcount((x_bits ^ w_bits) & nonzero_mask)}, 32 products per int. With
 * the sign before it, libtorch's float convolution of the same signs was 73% of an evaluation
 * pass of ResNet-20 1W/1A.
 *
 * <p>How: the input is a {@link PixelBits} (a padded image of channel strings). For each tap
 * (kernel row, kernel column, word of 32 channels) a "tap plane" holds, for every output pixel
 * (image, row, column: the output's own layout), the input string that tap reads: with stride 1
 * a copy of each output row's stretch of the padded input. Every filter word then meets every
 * output pixel in one flat loop, {@code differ[i] += bitCount((taps[i] ^ f) & mask[i])}, which C2
 * vectorizes (0.10-0.15 ns an int on an AVX-512 CPU with popcount, against 0.7 ns a long in a
 * scalar loop); the JDK 17 vector API has no popcount lane operation (its bit-twiddled one was
 * slower), and C2 leaves such a loop scalar when its arrays are read at different offsets, hence
 * the copies. Where the images hold no exact zero (the usual case: only the padding is sign 0)
 * the masks are left out and three taps share a loop, and the windows that reach into the
 * padding are set right afterwards. Small images stack in one {@link Scratch} so that the loops
 * stay long.
 *
 * <p>The sums are exact integers. {@link #apply} scales them by {@code scale} once (libtorch's
 * float path sums scaled signs and rounds at every step: the two differ in the last bits, and
 * where the signs cancel this one gives an exact 0). {@link Scratch#run} gives them to callers
 * that fuse what follows the convolution.
 *
 * <p>Not used, and {@link #of} or {@link #apply} answer null (the caller keeps libtorch), for a
 * filter with an exact zero or NaN (sign 0 would need a mask on the filter side too), a tensor
 * that is not CPU float32, or an input with a NaN. {@code -Dreste.xnorConv=false} turns it off
 * in a JVM (for side-by-side timing).
 */
public final class XnorConvolution {

    private static final boolean ENABLED =
            Boolean.parseBoolean(System.getProperty("reste.xnorConv", "true"));

    private static final VectorSpecies<Integer> INTS = PixelBits.INTS;

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    /** Ints per pixel's channel string. */
    private final int words;
    /**
     * Whether two neighbouring pixels share an int (up to 16 channels, 3x3, stride 1): the taps
     * (ky, 0) and (ky, 1) become one, 6 taps a window instead of 9.
     */
    private final boolean paired;
    /** Taps per window: k * k * words, or 2 * k paired. */
    private final int taps;
    /** The filters' sign bits, {@code [o][(ky * k + kx) * words + word]}. */
    private final int[] filterBits;
    /** {@code [o][ky * k + kx]}: how many of filter o's weights at that kernel position are positive. */
    private final int[] positives;
    /**
     * Scratches handed back, by image size and stack: a batch after a batch reuses them instead
     * of allocating the planes and working out the padding's corrections again.
     */
    private final Map<Long, Queue<Scratch>> idle = new ConcurrentHashMap<>();

    private XnorConvolution(int inChannels, int outChannels, int kernel, int stride, int padding, int[] filterBits,
            int[] positives) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.words = (inChannels + 31) / 32;
        this.paired = paired(inChannels, kernel, stride);
        this.taps = taps(inChannels, kernel, stride);
        this.filterBits = filterBits;
        this.positives = positives;
    }

    /** Whether this JVM uses the bit path at all. */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * The convolution with filters {@code weight} (float32, {@code [out][in][k][k]} flattened, as
     * libtorch lays them out), or null where it does not apply (see the class doc).
     */
    public static XnorConvolution of(float[] weight, int inChannels, int outChannels, int kernel, int stride, int padding) {
        if (!ENABLED) {
            return null;
        }
        if (weight.length != outChannels * inChannels * kernel * kernel) {
            throw new IllegalArgumentException("filters hold " + weight.length + " values, not "
                    + outChannels + "x" + inChannels + "x" + kernel + "x" + kernel);
        }
        int words = (inChannels + 31) / 32;
        boolean paired = paired(inChannels, kernel, stride);
        int perFilter = taps(inChannels, kernel, stride);
        int[] bits = new int[outChannels * perFilter];
        int[] positives = new int[outChannels * kernel * kernel];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < inChannels; c++) {
                for (int tap = 0; tap < kernel * kernel; tap++) {
                    float w = weight[(o * inChannels + c) * kernel * kernel + tap];
                    if (!(w > 0 || w < 0)) {
                        return null; // zero or NaN
                    }
                    if (w > 0) {
                        positives[o * kernel * kernel + tap]++;
                    }
                    if (w > 0 && paired) {
                        int ky = tap / kernel;
                        int kx = tap % kernel;
                        bits[o * perFilter + 2 * ky + (kx == 2 ? 1 : 0)] |= 1 << (c + (kx == 1 ? 16 : 0));
                    } else if (w > 0) {
                        bits[o * perFilter + tap * words + (c >>> 5)] |= 1 << (c & 31);
                    }
                }
            }
        }
        return new XnorConvolution(inChannels, outChannels, kernel, stride, padding, bits, positives);
    }

    private static boolean paired(int inChannels, int kernel, int stride) {
        return inChannels <= 16 && kernel == 3 && stride == 1;
    }

    /** Taps per window, each one int of filter bits: k * k * words, or 2 * k paired. */
    private static int taps(int inChannels, int kernel, int stride) {
        return paired(inChannels, kernel, stride) ? 2 * kernel : kernel * kernel * ((inChannels + 31) / 32);
    }

    /** The most a window's sum of sign products can reach: k * k * C. */
    public int windowSize() {
        return kernel * kernel * inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int outHeight(int height) {
        return (height + 2 * padding - kernel) / stride + 1;
    }

    public int outWidth(int width) {
        return (width + 2 * padding - kernel) / stride + 1;
    }

    /** {@code conv2d(sign(input), sign(w)) * scale} as a new tensor, or null (see the class doc). */
    public NDArray apply(NDArray input, float scale) {
        if (!CpuFloatTensors.eligible(input)) {
            return null;
        }
        Shape shape = input.getShape();
        if (shape.dimension() != 4 || shape.get(1) != inChannels) {
            throw new IllegalArgumentException("input " + shape + " is not [N, " + inChannels + ", H, W]");
        }
        int images = Math.toIntExact(shape.get(0));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        FloatBuffer in = CpuFloatTensors.memory(input).asFloatBuffer();
        NDArray result = CpuFloatTensors.empty(input,
                new Shape(images, outChannels, outHeight(height), outWidth(width)));
        FloatBuffer out = CpuFloatTensors.memory(result).asFloatBuffer();
        boolean[] sawNaN = new boolean[1];
        ParallelRanges.run(images, 1, 1, "the bitwise convolution", (from, to) -> {
            Scratch scratch = scratch(height, width, 1);
            try {
                float[] image = new float[inChannels * height * width];
                float[] values = new float[scratch.grid];
                for (int n = from; n < to && !sawNaN[0]; n++) {
                    in.get(n * image.length, image);
                    if (!scratch.input.pack(image, 0, 0)) {
                        sawNaN[0] = true;
                        return;
                    }
                    int[][] sums = scratch.run();
                    for (int o = 0; o < outChannels; o++) {
                        scaleInto(values, sums[o], scale);
                        out.put((n * outChannels + o) * values.length, values);
                    }
                }
            } finally {
                release(scratch);
            }
        });
        if (sawNaN[0]) {
            result.close();
            return null;
        }
        return result;
    }

    /**
     * One thread's working memory for {@code images} images of {@code height x width} at a time
     * (more than one where one image's output is small: fewer, longer loops).
     */
    public Scratch scratch(int height, int width, int images) {
        Queue<Scratch> waiting = idle.get(sizeKey(height, width, images));
        Scratch scratch = waiting == null ? null : waiting.poll();
        return scratch != null ? scratch : new Scratch(height, width, images);
    }

    /** Hands a scratch back for a later {@link #scratch} of the same size; its caller no longer uses it. */
    public void release(Scratch scratch) {
        idle.computeIfAbsent(sizeKey(scratch.height, scratch.width, scratch.images), key -> new ConcurrentLinkedQueue<>())
                .offer(scratch);
    }

    private static long sizeKey(int height, int width, int images) {
        return ((long) height << 42) | ((long) width << 21) | images;
    }

    /** Input images' bits, the tap planes and the sums: one thread's, one stack of images at a time. */
    public final class Scratch {
        /** The images to convolve; fill them (over their earlier content) before {@link #run}. */
        public final PixelBits input;
        private final int height;
        private final int width;
        private final int images;
        final int outHeight;
        final int outWidth;
        /** The stack's outputs, {@code [image][oy][ox]}: the length of a tap plane and of a plane of sums. */
        final int grid;
        private final int[][] tapSigns;
        private final int[][] tapMask;
        /** Paired: each padded pixel's string with its right neighbour's in the high 16 bits. */
        private final int[] pairSigns;
        private final int[] pairMask;
        private final int[] nonzero;
        /** {@code [o][rowStart(image, oy) + ox]}: each output's sum of sign products. */
        private final int[][] sums;
        /** The outputs whose windows reach into the padding: their places in a plane of sums. */
        private final int[] borderPlaces;
        /** {@code [o][borderPlaces index]}: what the padding adds to filter o's unmasked sum there, to take back. */
        private final int[][] borderExcess;

        private Scratch(int height, int width, int images) {
            this.height = height;
            this.width = width;
            this.images = images;
            this.outHeight = outHeight(height);
            this.outWidth = outWidth(width);
            this.input = new PixelBits(inChannels, height, width, padding, images);
            this.grid = images * outHeight * outWidth;
            this.tapSigns = new int[taps][grid];
            this.tapMask = new int[taps][grid];
            this.pairSigns = paired ? new int[input.signs[0].length] : null;
            this.pairMask = paired ? new int[input.mask[0].length] : null;
            this.nonzero = new int[grid];
            this.sums = new int[outChannels][grid];
            int[][] border = borderOf(height, width, images);
            this.borderPlaces = border[0];
            this.borderExcess = new int[outChannels][borderPlaces.length];
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < borderPlaces.length; i++) {
                    borderExcess[o][i] = paddingExcess(o, border[1][i]);
                }
            }
        }

        /**
         * The output places whose windows reach into the padding ({@code [0]}), each with the set of
         * kernel positions that do, as bits {@code ky * k + kx} ({@code [1]}).
         */
        private int[][] borderOf(int height, int width, int images) {
            int[] places = new int[images * outHeight * outWidth];
            int[] outside = new int[places.length];
            int count = 0;
            for (int b = 0; b < images; b++) {
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++) {
                        int positions = 0;
                        for (int ky = 0; ky < kernel; ky++) {
                            for (int kx = 0; kx < kernel; kx++) {
                                int iy = oy * stride + ky - padding;
                                int ix = ox * stride + kx - padding;
                                if (iy < 0 || iy >= height || ix < 0 || ix >= width) {
                                    positions |= 1 << (ky * kernel + kx);
                                }
                            }
                        }
                        if (positions != 0) {
                            places[count] = rowStart(b, oy) + ox;
                            outside[count++] = positions;
                        }
                    }
                }
            }
            return new int[][] {Arrays.copyOf(places, count), Arrays.copyOf(outside, count)};
        }

        /**
         * Unmasked, a padding pixel (all sign bits 0) counts as -1 against every positive weight of
         * its kernel position and as +1 against every negative one, where it should count 0: the
         * sum {@code k*k*C - 2 * differences} is then off by {@code C - 2 * positives} there.
         */
        private int paddingExcess(int o, int outsidePositions) {
            int excess = 0;
            for (int position = 0; position < kernel * kernel; position++) {
                if ((outsidePositions & 1 << position) != 0) {
                    excess += inChannels - 2 * positives[o * kernel * kernel + position];
                }
            }
            return excess;
        }

        /** Where output row {@code oy} of image {@code image} of the stack starts in a plane of {@link #run}'s sums. */
        public int rowStart(int image, int oy) {
            return (image * outHeight + oy) * outWidth;
        }

        /**
         * Convolves {@link #input}: {@code sums[o][rowStart(image, oy) + ox]} is each output's sum
         * of sign products, image after image, each a whole {@code [oy][ox]} plane; valid until
         * the next run.
         */
        public int[][] run() {
            // Without an exact zero in the images, only the padding has sign 0: the masks go, and
            // the few windows over the padding are set right after (about 1.5-1.9x fewer
            // nanoseconds a tap, micro-benchmarks on ResNet-20's planes).
            boolean dense = !input.takeSawZero();
            buildTaps(dense);
            for (int o = 0; o < outChannels; o++) {
                if (dense) {
                    denseSums(o);
                } else {
                    maskedSums(o);
                }
            }
            return sums;
        }

        /** Filter o's sums without masks, three taps a pass, then the windows over the padding set right. */
        private void denseSums(int o) {
            int[] differ = sums[o];
            int filter = o * taps;
            int t = 0;
            for (; t + 3 <= taps; t += 3) {
                differencesOfThree(differ, t == 0, tapSigns[t], tapSigns[t + 1], tapSigns[t + 2],
                        filterBits[filter + t], filterBits[filter + t + 1], filterBits[filter + t + 2]);
            }
            for (; t < taps; t++) {
                if (t == 0) {
                    countDifferences(differ, tapSigns[t], filterBits[filter + t]);
                } else {
                    addDifferences(differ, tapSigns[t], filterBits[filter + t]);
                }
            }
            sumsFromDifferences(differ, kernel * kernel * inChannels);
            int[] excess = borderExcess[o];
            for (int i = 0; i < borderPlaces.length; i++) {
                differ[borderPlaces[i]] -= excess[i];
            }
        }

        /** Filter o's sums with each input's nonzero mask (images with exact zeros). */
        private void maskedSums(int o) {
            int[] differ = sums[o];
            int filter = o * taps;
            countDifferences(differ, tapSigns[0], tapMask[0], filterBits[filter]);
            for (int t = 1; t < taps; t++) {
                addDifferences(differ, tapSigns[t], tapMask[t], filterBits[filter + t]);
            }
            sumsFromDifferences(differ, nonzero);
        }

        /** Each tap's plane: what that tap reads for every output pixel; and, masked, each window's nonzeros. */
        private void buildTaps(boolean dense) {
            if (paired) {
                // Taps (ky, 0) and (ky, 1) read a pixel and its right neighbour in one int; (ky, 2) reads one.
                withRightNeighbour(input.signs[0], pairSigns);
                if (!dense) {
                    withRightNeighbour(input.mask[0], pairMask);
                }
                for (int ky = 0; ky < kernel; ky++) {
                    readTap(pairSigns, tapSigns[2 * ky], ky, 0);
                    readTap(input.signs[0], tapSigns[2 * ky + 1], ky, 2);
                    if (!dense) {
                        readTap(pairMask, tapMask[2 * ky], ky, 0);
                        readTap(input.mask[0], tapMask[2 * ky + 1], ky, 2);
                    }
                }
            } else {
                for (int ky = 0; ky < kernel; ky++) {
                    for (int kx = 0; kx < kernel; kx++) {
                        for (int word = 0; word < words; word++) {
                            int t = (ky * kernel + kx) * words + word;
                            readTap(input.signs[word], tapSigns[t], ky, kx);
                            if (!dense) {
                                readTap(input.mask[word], tapMask[t], ky, kx);
                            }
                        }
                    }
                }
            }
            if (!dense) {
                Arrays.fill(nonzero, 0);
                for (int t = 0; t < taps; t++) {
                    countInto(nonzero, tapMask[t]);
                }
            }
        }

        /** Tap (ky, kx)'s plane: for every output pixel of the stack, the int of {@code padded} that tap reads. */
        private void readTap(int[] padded, int[] tap, int ky, int kx) {
            int paddedWidth = input.paddedWidth;
            for (int b = 0, at = 0; b < images; b++) {
                for (int oy = 0; oy < outHeight; oy++, at += outWidth) {
                    int row = (b * input.blockHeight + oy * stride + ky) * paddedWidth + kx;
                    if (stride == 1) {
                        System.arraycopy(padded, row, tap, at, outWidth);
                    } else {
                        for (int ox = 0; ox < outWidth; ox++) {
                            tap[at + ox] = padded[row + ox * stride];
                        }
                    }
                }
            }
        }
    }

    /** {@code pairs[i] = strings[i] | strings[i + 1] << 16} (strings of at most 16 bits; the last one alone). */
    private static void withRightNeighbour(int[] strings, int[] pairs) {
        int i = 0;
        for (int end = strings.length - 1 - (strings.length - 1) % INTS.length(); i < end; i += INTS.length()) {
            IntVector.fromArray(INTS, strings, i)
                    .or(IntVector.fromArray(INTS, strings, i + 1).lanewise(VectorOperators.LSHL, 16))
                    .intoArray(pairs, i);
        }
        for (; i < strings.length - 1; i++) {
            pairs[i] = strings[i] | strings[i + 1] << 16;
        }
        pairs[strings.length - 1] = strings[strings.length - 1];
    }

    /** {@code differ[i] = nonzero[i] - 2 * differ[i]}: the sums of sign products, in place. */
    private static void sumsFromDifferences(int[] differ, int[] nonzero) {
        for (int i = 0; i < differ.length; i++) {
            differ[i] = nonzero[i] - 2 * differ[i];
        }
    }

    /** {@code values[i] = sums[i] * scale}, with the vector API (C2 leaves this loop scalar). */
    private static void scaleInto(float[] values, int[] sums, float scale) {
        int i = 0;
        for (int end = sums.length - sums.length % INTS.length(); i < end; i += INTS.length()) {
            FloatVector converted = (FloatVector) IntVector.fromArray(INTS, sums, i).convert(VectorOperators.I2F, 0);
            converted.mul(scale).intoArray(values, i);
        }
        for (; i < sums.length; i++) {
            values[i] = sums[i] * scale;
        }
    }

    /** {@code counts[i] += bitCount(mask[i])}: a loop C2 vectorizes. */
    private static void countInto(int[] counts, int[] mask) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += Integer.bitCount(mask[i]);
        }
    }

    /** {@code differ[i] = full - 2 * differ[i]}: the sums of sign products where every sign is nonzero, in place. */
    private static void sumsFromDifferences(int[] differ, int full) {
        for (int i = 0; i < differ.length; i++) {
            differ[i] = full - 2 * differ[i];
        }
    }

    /**
     * Three taps in one pass over the counts (set where {@code first}, else added to): unmasked,
     * C2 still vectorizes it, and the counts are read and written a third as often.
     */
    private static void differencesOfThree(int[] counts, boolean first, int[] a, int[] b, int[] c, int fa, int fb, int fc) {
        if (first) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = Integer.bitCount(a[i] ^ fa) + Integer.bitCount(b[i] ^ fb) + Integer.bitCount(c[i] ^ fc);
            }
        } else {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += Integer.bitCount(a[i] ^ fa) + Integer.bitCount(b[i] ^ fb) + Integer.bitCount(c[i] ^ fc);
            }
        }
    }

    /** {@code counts[i] = bitCount(signs[i] ^ filter)}: a loop C2 vectorizes. */
    private static void countDifferences(int[] counts, int[] signs, int filter) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Integer.bitCount(signs[i] ^ filter);
        }
    }

    /** {@code counts[i] += bitCount(signs[i] ^ filter)}: a loop C2 vectorizes. */
    private static void addDifferences(int[] counts, int[] signs, int filter) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += Integer.bitCount(signs[i] ^ filter);
        }
    }

    /** {@code counts[i] = bitCount((signs[i] ^ filter) & mask[i])}: a loop C2 vectorizes. */
    private static void countDifferences(int[] counts, int[] signs, int[] mask, int filter) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Integer.bitCount((signs[i] ^ filter) & mask[i]);
        }
    }

    /** {@code counts[i] += bitCount((signs[i] ^ filter) & mask[i])}: a loop C2 vectorizes. */
    private static void addDifferences(int[] counts, int[] signs, int[] mask, int filter) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += Integer.bitCount((signs[i] ^ filter) & mask[i]);
        }
    }
}
