package org.reste.tasks.estimator;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * b^e for positive normal b, built only from operations IEEE 754 defines to the bit (+, -, *, /,
 * integer and bit operations, exact conversions), in the same order for a vector and for a
 * single float, so the result does not depend on the JIT. The vector API's own lanewise POW does:
 * interpreted it is StrictMath.pow, compiled it is the CPU library's intrinsic, and the two differ
 * in the last bit for about 0.6% of inputs (measured on 2026-12-04), which made a run's record
 * depend on how warm its JVM was.
 *
 * <p>ln b = k ln 2 + 2 atanh(s), s = (f - 1)/(f + 1), f in [sqrt(1/2), sqrt(2)), to s^7; then
 * e^y = 2^n e^r, n = round(y / ln 2), |r| <= ln 2 / 2, e^r to r^6. Relative error a few float
 * ulps (below 1e-6 for the bases and exponents ReSTE uses, b in [0.1, 1.5], e in (-1, 0]). As few
 * operations as that accuracy allows: each is many JIT nodes, and past a node count the JIT
 * stops inlining (see ReSTEKernel).
 */
final class ExactOpsPower {

    private static final float SQRT2 = 1.41421356f;
    private static final float LN2 = 0.693147181f;
    private static final float INV_LN2 = 1.44269504f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float of magnitude below 2^22 to an integer, ties to even. */
    private static final float ROUNDER = 12582912f;
    private static final int MANTISSA = 0x007fffff;
    private static final int ONE_BITS = 0x3f800000;
    private static final float TWO_23 = 8388608f;
    private static final int TWO_23_BITS = 0x4b000000;

    private ExactOpsPower() {}

    /**
     * values[i] = values[i]^e for i below count, a multiple of the preferred vector length. The
     * whole vector formula is written out here, in this one loop, on purpose: the method is then
     * too long for the JIT to inline into its caller (over 325 bytecodes) and is compiled on its
     * own, small enough for every vector operation in it to be inlined. Inlined into the caller's
     * kernel loop it would pass the JIT's node count, part of the power would stay out of line and
     * box its vectors (measured: the whole training step 14% slower at o = 3).
     */
    static void powInPlace(float[] values, int count, float e) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        for (int i = 0; i < count; i += species.length()) {
            IntVector bits = FloatVector.fromArray(species, values, i).reinterpretAsInts();
            // The biased exponent as a float without a conversion: 2^23 + x has x in its mantissa bits.
            FloatVector k = bits.lanewise(VectorOperators.LSHR, 23).lanewise(VectorOperators.OR, TWO_23_BITS)
                    .reinterpretAsFloats().sub(TWO_23 + 127f);
            FloatVector f = bits.lanewise(VectorOperators.AND, MANTISSA).lanewise(VectorOperators.OR, ONE_BITS)
                    .reinterpretAsFloats();
            VectorMask<Float> high = f.compare(VectorOperators.GT, SQRT2);
            f = f.blend(f.mul(0.5f), high);
            k = k.blend(k.add(1f), high);
            FloatVector s = f.sub(1f).div(f.add(1f));
            FloatVector s2 = s.mul(s);
            FloatVector series = s2.mul(2f / 7f).add(2f / 5f).mul(s2).add(2f / 3f).mul(s2).add(2f);
            FloatVector y = k.mul(LN2).add(s.mul(series)).mul(e);
            FloatVector n = y.mul(INV_LN2).add(ROUNDER).sub(ROUNDER);
            FloatVector r = y.sub(n.mul(LN2));
            FloatVector exp = r.mul(1f / 720f).add(1f / 120f).mul(r).add(1f / 24f).mul(r)
                    .add(1f / 6f).mul(r).add(1f / 2f).mul(r).add(1f).mul(r).add(1f);
            // 2^n likewise: the mantissa bits of 2^23 + 127 + n are n + 127, the biased exponent of 2^n.
            IntVector scaleBits = n.add(TWO_23 + 127f).reinterpretAsInts().lanewise(VectorOperators.AND, MANTISSA)
                    .lanewise(VectorOperators.LSHL, 23);
            exp.mul(scaleBits.reinterpretAsFloats()).intoArray(values, i);
        }
    }

    static float pow(float b, float e) {
        int bits = Float.floatToRawIntBits(b);
        float k = ((bits >>> 23) & 0xff) - 127;
        float f = Float.intBitsToFloat((bits & MANTISSA) | ONE_BITS);
        if (f > SQRT2) {
            f = f * 0.5f;
            k = k + 1f;
        }
        float s = (f - 1f) / (f + 1f);
        float s2 = s * s;
        float series = 2f + s2 * (2f / 3f + s2 * (2f / 5f + s2 * (2f / 7f)));
        float ln = k * LN2 + s * series;
        float y = e * ln;
        float n = (y * INV_LN2 + ROUNDER) - ROUNDER;
        float r = y - n * LN2;
        float exp = 1f + r * (1f + r * (1f / 2f + r * (1f / 6f + r * (1f / 24f + r * (1f / 120f + r * (1f / 720f))))));
        return exp * Float.intBitsToFloat(((int) n + 127) << 23);
    }
}
