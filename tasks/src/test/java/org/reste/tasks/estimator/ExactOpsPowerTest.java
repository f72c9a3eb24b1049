package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/** The power ReSTE's kernel uses: accurate, and the same bits in every lane, tail and JIT state. */
class ExactOpsPowerTest {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** ReSTE's exponents (1 - o)/o at o = 1 .. 10, and the clamped bases' range [m, t] = [0.1, 1.5] and beyond. */
    private static final float[] EXPONENTS = {0f, -0.1f, (float) ((1 - 1.5857864) / 1.5857864), -0.5f, (float) (-2.0 / 3), -0.9f};

    private static float[] bases(int count) {
        Random random = new Random(7);
        float[] bases = new float[count];
        for (int i = 0; i < count; i++) {
            bases[i] = i < 4 ? new float[] {0.1f, 1f, 1.5f, 1.41421356f}[i] : 0.05f + 1.95f * random.nextFloat();
        }
        return bases;
    }

    private static float[] vectorPow(float[] bases, float e) {
        float[] out = bases.clone();
        ExactOpsPower.powInPlace(out, out.length, e);
        return out;
    }

    @Test
    void isWithinAMillionthOfTheExactPower() {
        float[] bases = bases(SPECIES.length() * 4096);
        for (float e : EXPONENTS) {
            double worst = 0;
            for (float b : bases) {
                double exact = StrictMath.pow(b, e);
                worst = Math.max(worst, Math.abs(ExactOpsPower.pow(b, e) - exact) / exact);
            }
            assertTrue(worst < 1e-6, "exponent " + e + ": worst relative error " + worst);
        }
        assertEquals(1f, ExactOpsPower.pow(1f, -0.5f));
        assertEquals(1f, ExactOpsPower.pow(0.37f, 0f));
    }

    @Test
    void everyLaneEqualsTheScalarToTheBitColdAndWarm() {
        float[] bases = bases(SPECIES.length() * 4096);
        for (float e : EXPONENTS) {
            float[] cold = vectorPow(bases, e);
            float[] scalar = new float[bases.length];
            for (int i = 0; i < bases.length; i++) {
                scalar[i] = ExactOpsPower.pow(bases[i], e);
            }
            assertArrayEquals(scalar, cold, "exponent " + e + ", first call");
        }
        float e = EXPONENTS[2];
        float[] first = vectorPow(bases, e);
        float[] warm = first;
        for (int round = 0; round < 2000; round++) {
            warm = vectorPow(bases, e); // long enough for the JIT to compile the loop (the vector API's POW changes bits here)
        }
        assertArrayEquals(first, warm, "the same bits once compiled");
    }
}
