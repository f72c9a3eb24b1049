package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;

/**
 * ApproxSign, Bi-Real Net's estimator (Liu et al., "Bi-Real Net: Enhancing the Performance of
 * 1-bit CNNs with Improved Representational Capability and Advanced Training Algorithm", ECCV
 * 2018, §3.2): forward sign(z); backward the derivative of the piecewise quadratic
 * {@code F(z) = sign(z)(2|z| - z^2)} on [-1, 1]:
 *
 * <pre>
 *   G(z) = 2 - 2|z|    |z| <= 1
 *        = 0           |z| > 1
 * </pre>
 *
 * No schedule. Computed as {@code max(0, 2 - 2|z|)}, which is the same function (both pieces
 * meet at 0 for |z| = 1) with one clamp and no mask.
 */
public final class ApproxSign extends SurrogateGradient {

    @Override
    public String name() {
        return "approxsign";
    }

    @Override
    public NDArray gradient(NDArray z) {
        try (NDArray line = z.abs()) {
            return line.muli(-2.0).addi(2.0).maximum(0.0f);
        }
    }
}
