package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Float 0/1 masks built from clamps and in-place arithmetic rather than comparisons: on this
 * libtorch a bool mask costs a slow conversion or a slow {@code where} (measured 3-16 ms per
 * 4M-element activation against under 1 ms for a clamp). Exact at the boundary: with
 * {@code b' = nextUp(b)} in float32, {@code clamp(a, b, b') - b} is 0 where a <= b and
 * {@code b' - b} (a power of two) where a > b.
 */
final class Indicator {

    private Indicator() {}

    /**
     * {@code 1 - (1 - low) * [a > bound]}: 1 where a <= bound, {@code low} where a > bound,
     * elementwise in {@code a}'s float dtype. Allocates one tensor.
     */
    static NDArray stepDown(NDArray a, double bound, double low) {
        double lower;
        double upper;
        if (a.getDataType() == DataType.FLOAT64) {
            lower = bound;
            upper = Math.nextUp(bound);
        } else {
            lower = (float) bound;
            upper = Math.nextUp((float) bound);
        }
        NDArray step = a.clip(lower, upper);
        // (step - lower) / (upper - lower) is exactly 0 or 1; fold the scale (1 - low) into it.
        return step.subi(lower).muli(-(1.0 - low) / (upper - lower)).addi(1.0);
    }
}
