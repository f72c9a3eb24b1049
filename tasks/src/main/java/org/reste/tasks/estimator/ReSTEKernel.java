package org.reste.tasks.estimator;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link ReSTE}'s sign and G(z) at one power o, in one vectorized pass (see
 * {@link VectorKernel}): with a = |z| and b = clamp(a, m, t), G = b^((1-o)/o) times 1 for
 * a <= m, 1/o for m < a <= t and 0 beyond t; at o = 1 just the 0/1 step at t. Comparisons are
 * in float32, as the libtorch path makes them.
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
        int lanes = SPECIES.length();
        int i = from;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector inverse = FloatVector.broadcast(SPECIES, inverseO);
        for (; i <= to - lanes; i += lanes) {
            FloatVector v = FloatVector.fromByteBuffer(SPECIES, z, i * Float.BYTES, ORDER);
            sign(v, zero).intoByteBuffer(sign, i * Float.BYTES, ORDER);
            FloatVector a = v.abs();
            VectorMask<Float> beyond = a.compare(VectorOperators.GT, t);
            FloatVector g;
            if (straight) {
                g = one.blend(0f, beyond);
            } else {
                FloatVector power = a.max(m).min(t).lanewise(VectorOperators.POW, exponent);
                FloatVector factor = inverse.blend(1f, a.compare(VectorOperators.LE, m));
                g = power.mul(factor).blend(0f, beyond);
            }
            g.intoByteBuffer(gradient, i * Float.BYTES, ORDER);
        }
        for (; i < to; i++) {
            float v = z.getFloat(i * Float.BYTES);
            sign.putFloat(i * Float.BYTES, sign(v));
            gradient.putFloat(i * Float.BYTES, scalar(Math.abs(v)));
        }
    }

    private float scalar(float a) {
        if (a > t) {
            return 0f;
        }
        if (straight) {
            return 1f;
        }
        float power = (float) Math.pow(Math.min(Math.max(a, m), t), exponent);
        return power * (a <= m ? 1f : inverseO);
    }
}
