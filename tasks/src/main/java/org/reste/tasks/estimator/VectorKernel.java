package org.reste.tasks.estimator;

import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.reste.tasks.engine.FusedSignKernel;

/**
 * What the estimators' vector kernels share: the machine's widest float vector, native byte
 * order, and torch.sign (1 above 0, -1 below, 0 at zero and for NaN, as torch's). Each subclass
 * keeps its own loop so the JIT compiles it whole (a shared loop calling a per-estimator lambda
 * would box every vector).
 */
abstract class VectorKernel extends FusedSignKernel {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final ByteOrder ORDER = ByteOrder.nativeOrder();

    @Override
    protected final int alignment() {
        return SPECIES.length();
    }

    static FloatVector sign(FloatVector v, FloatVector zero) {
        return zero.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.compare(VectorOperators.LT, 0f));
    }

    static float sign(float v) {
        return v > 0f ? 1f : (v < 0f ? -1f : 0f);
    }
}
