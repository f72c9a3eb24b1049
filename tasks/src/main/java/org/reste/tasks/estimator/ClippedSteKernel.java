package org.reste.tasks.estimator;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** {@link ClippedSte}'s sign and G(z) = [|z| <= clip] in one vectorized pass ({@link VectorKernel}). */
final class ClippedSteKernel extends VectorKernel {

    private final float clip;

    ClippedSteKernel(double clip) {
        this.clip = (float) clip;
    }

    @Override
    protected void fill(ByteBuffer z, ByteBuffer sign, ByteBuffer gradient, int from, int to) {
        int lanes = SPECIES.length();
        int i = from;
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (; i <= to - lanes; i += lanes) {
            FloatVector v = FloatVector.fromByteBuffer(SPECIES, z, i * Float.BYTES, ORDER);
            sign(v, zero).intoByteBuffer(sign, i * Float.BYTES, ORDER);
            one.blend(0f, v.abs().compare(VectorOperators.GT, clip)).intoByteBuffer(gradient, i * Float.BYTES, ORDER);
        }
        for (; i < to; i++) {
            float v = z.getFloat(i * Float.BYTES);
            sign.putFloat(i * Float.BYTES, sign(v));
            gradient.putFloat(i * Float.BYTES, Math.abs(v) > clip ? 0f : 1f);
        }
    }
}
