package org.reste.tasks.estimator;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link ReSTE}'s sign and G(z) at one power o, in one vectorized pass (see
 * {@link VectorKernel}): with a = |z| and b = clamp(a, m, t), G = b^((1-o)/o) times 1 for
 * a <= m, 1/o for m < a <= t and 0 beyond t; at o = 1 just the 0/1 step at t. Comparisons are
 * in float32, as the libtorch path makes them. The power is {@link ExactOpsPower}'s, the same
 * bits in the vector loop and the scalar tail however warm the JIT is.
 */
final class ReSTEKernel extends VectorKernel {

    private final float t;
    private final float m;
    private final float exponent;
    private final float inverseO;
    private final boolean straight;

    ReSTEKernel(double t, double m, double o) {
        this.t = (float) t;
        this.m = (float) m;
        this.exponent = (float) ((1.0 - o) / o);
        this.inverseO = (float) (1.0 / o);
        this.straight = o == 1.0;
    }

    @Override
    protected void fill(ByteBuffer z, ByteBuffer sign, ByteBuffer gradient, int from, int to) {
        int i = straight ? fillStraight(z, sign, gradient, from, to) : fillPower(z, sign, gradient, from, to);
        for (; i < to; i++) {
            float v = z.getFloat(i * Float.BYTES);
            sign.putFloat(i * Float.BYTES, sign(v));
            gradient.putFloat(i * Float.BYTES, scalar(Math.abs(v)));
        }
    }

    // One loop a case, and the power in a loop of its own (why: ExactOpsPower.powInPlace).

    /** The vector part at o = 1; returns where the scalar tail starts. */
    private int fillStraight(ByteBuffer z, ByteBuffer sign, ByteBuffer gradient, int from, int to) {
        int lanes = SPECIES.length();
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int i = from;
        for (; i <= to - lanes; i += lanes) {
            FloatVector v = FloatVector.fromByteBuffer(SPECIES, z, i * Float.BYTES, ORDER);
            sign(v, zero).intoByteBuffer(sign, i * Float.BYTES, ORDER);
            one.blend(0f, v.abs().compare(VectorOperators.GT, t)).intoByteBuffer(gradient, i * Float.BYTES, ORDER);
        }
        return i;
    }

    /**
     * The vector part at o > 1, a block at a time: the clamped bases go to a small scratch array,
     * {@link ExactOpsPower#powInPlace} raises them in a loop of its own (lean enough for the JIT
     * to inline the whole power), then the factor and the cut at t are applied. Returns where the
     * scalar tail starts.
     */
    private int fillPower(ByteBuffer z, ByteBuffer sign, ByteBuffer gradient, int from, int to) {
        int lanes = SPECIES.length();
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector inverse = FloatVector.broadcast(SPECIES, inverseO);
        float[] bases = SCRATCH.get();
        int vectorEnd = from + (to - from) / lanes * lanes;
        for (int block = from; block < vectorEnd; block += BLOCK) {
            int count = Math.min(BLOCK, vectorEnd - block);
            for (int j = 0; j < count; j += lanes) {
                FloatVector v = FloatVector.fromByteBuffer(SPECIES, z, (block + j) * Float.BYTES, ORDER);
                sign(v, zero).intoByteBuffer(sign, (block + j) * Float.BYTES, ORDER);
                v.abs().max(m).min(t).intoArray(bases, j);
            }
            ExactOpsPower.powInPlace(bases, count, exponent);
            for (int j = 0; j < count; j += lanes) {
                FloatVector a = FloatVector.fromByteBuffer(SPECIES, z, (block + j) * Float.BYTES, ORDER).abs();
                FloatVector factor = inverse.blend(1f, a.compare(VectorOperators.LE, m));
                FloatVector.fromArray(SPECIES, bases, j).mul(factor).blend(0f, a.compare(VectorOperators.GT, t))
                        .intoByteBuffer(gradient, (block + j) * Float.BYTES, ORDER);
            }
        }
        return vectorEnd;
    }

    /** Elements a block; a multiple of every vector length. */
    private static final int BLOCK = 1024;
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[BLOCK]);

    private float scalar(float a) {
        if (a > t) {
            return 0f;
        }
        if (straight) {
            return 1f;
        }
        float power = ExactOpsPower.pow(Math.min(Math.max(a, m), t), exponent);
        return power * (a <= m ? 1f : inverseO);
    }
}
