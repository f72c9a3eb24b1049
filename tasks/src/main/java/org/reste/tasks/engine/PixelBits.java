package org.reste.tasks.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The signs of one image's activations as bits, for {@link XnorConvolution}: for every pixel of
 * the zero-padded image, its channels' signs 32 to an int (1 where the value is positive) and a
 * mask (1 where it is not zero: torch.sign(0) = 0, and the padding is zero too). Channel
 * {@code c} is bit {@code c % 32} of word {@code c / 32}. Several images can stand one above the
 * other, each with its own padding rows, so that one convolution pass covers them all: word
 * {@code j} of image {@code b}'s pixel (y, x) is {@code signs[j][(b * blockHeight + y + pad) *
 * paddedWidth + x + pad]}.
 */
public final class PixelBits {

    /** The widest float vector; the bit path's kernels (this package) share these two species. */
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** Ints as many as {@link #FLOATS} has lanes: a float compare's mask becomes an int mask. */
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());

    final int channels;
    final int height;
    final int width;
    final int pad;
    final int paddedWidth;
    /** Rows of one padded image. */
    final int blockHeight;
    final int words;
    final int[][] signs;
    final int[][] mask;
    /**
     * Whether an image packed since the last {@link #takeSawZero} has an exact zero (sign 0): the
     * convolution then needs the masks; without one, only the padding is zero.
     */
    private boolean sawZero;
    /** One word's plane without the padding, as {@link #pack} builds it. */
    private final int[] compactSigns;
    private final int[] compactMask;

    public PixelBits(int channels, int height, int width, int pad, int images) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pad = pad;
        this.paddedWidth = width + 2 * pad;
        this.blockHeight = height + 2 * pad;
        this.words = (channels + 31) / 32;
        int size = images * blockHeight * paddedWidth;
        this.signs = new int[words][size];
        this.mask = new int[words][size];
        this.compactSigns = new int[height * width];
        this.compactMask = new int[height * width];
    }

    /**
     * The signs of a {@code [C][H][W]} float image starting at {@code offset} of {@code values},
     * as image {@code image} of the stack, over whatever was there; false where a value is NaN
     * (nothing is then to be trusted).
     */
    public boolean pack(float[] values, int offset, int image) {
        int plane = height * width;
        int lanes = INTS.length();
        int vectorEnd = plane - plane % lanes;
        boolean nan = false;
        boolean zero = false;
        for (int j = 0; j < words; j++) {
            int first = 32 * j;
            int last = Math.min(channels, first + 32);
            int allChannels = allChannels(j);
            // The whole plane in runs of one vector, compact first, then row by row into the padding.
            for (int p = 0; p < vectorEnd; p += lanes) {
                IntVector s = IntVector.zero(INTS);
                IntVector m = IntVector.zero(INTS);
                VectorMask<Float> notANumber = FLOATS.maskAll(false);
                for (int c = first; c < last; c++) {
                    FloatVector v = FloatVector.fromArray(FLOATS, values, offset + c * plane + p);
                    int bit = 1 << (c - first);
                    s = s.lanewise(VectorOperators.OR, bit, v.compare(VectorOperators.GT, 0f).cast(INTS));
                    m = m.lanewise(VectorOperators.OR, bit, v.compare(VectorOperators.NE, 0f).cast(INTS));
                    notANumber = notANumber.or(v.test(VectorOperators.IS_NAN));
                }
                nan |= notANumber.anyTrue();
                zero |= m.compare(VectorOperators.NE, allChannels).anyTrue();
                s.intoArray(compactSigns, p);
                m.intoArray(compactMask, p);
            }
            for (int p = vectorEnd; p < plane; p++) {
                int s = 0;
                int m = 0;
                for (int c = first; c < last; c++) {
                    float v = values[offset + c * plane + p];
                    int bit = 1 << (c - first);
                    s |= v > 0 ? bit : 0;
                    m |= v != 0 ? bit : 0;
                    nan |= v != v;
                }
                compactSigns[p] = s;
                compactMask[p] = m;
                zero |= m != allChannels;
            }
            for (int y = 0; y < height; y++) {
                int target = (image * blockHeight + y + pad) * paddedWidth + pad;
                System.arraycopy(compactSigns, y * width, signs[j], target, width);
                System.arraycopy(compactMask, y * width, mask[j], target, width);
            }
        }
        sawZero |= zero;
        return !nan;
    }

    /**
     * Row {@code y} of image {@code image}'s word {@code word}, given as ready-made sign bits
     * ({@code width} ints of {@code bits} from {@code offset}), none of them zero.
     */
    public void putRow(int word, int image, int y, int[] bits, int offset) {
        int target = (image * blockHeight + y + pad) * paddedWidth + pad;
        System.arraycopy(bits, offset, signs[word], target, width);
        java.util.Arrays.fill(mask[word], target, target + width, allChannels(word));
    }

    /** The bits of word {@code word}'s channels. */
    private int allChannels(int word) {
        int inWord = Math.min(channels - 32 * word, 32);
        return inWord == 32 ? -1 : (1 << inWord) - 1;
    }

    /** Whether an image packed since the last call had an exact zero; clears the answer. */
    boolean takeSawZero() {
        boolean answer = sawZero;
        sawZero = false;
        return answer;
    }
}
