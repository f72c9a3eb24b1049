package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * DSQ, Differentiable Soft Quantization (Gong et al., "Differentiable Soft Quantization: Bridging
 * Full-Precision and Low-Bit Neural Networks", ICCV 2019, §3), at 1 bit with the clip range
 * [l, u] = [-1, 1]: one interval of width 2 centred at 0, whose soft quantizer is
 * {@code phi(z) = s tanh(k z)}. Forward sign(z); backward its derivative inside the range:
 *
 * <pre>
 *   G(z) = s k (1 - tanh^2(k z))    |z| <= 1
 *        = 0                        |z| > 1
 *   k = ln(2/alpha - 1) / 2,   s = 1 / tanh(k) = 1 / (1 - alpha)
 * </pre>
 *
 * alpha in (0, 1) is how far the soft quantizer stays from sign at the range's edge (small alpha:
 * closer to sign, steeper G); the default is 0.2. No schedule.
 *
 * <p>DSQ itself learns alpha per layer by gradient descent (its clip range too, which stays
 * [-1, 1] here as in ReSTE's Table 3). With {@code learn_alpha=1} every binarized layer learns
 * its own alpha, starting from the {@code alpha} option ({@link DsqLearnedAlpha}).
 *
 * <p>Options: {@code alpha} (0.2), {@code learn_alpha} (0: fixed; 1: learned per layer).
 */
public final class Dsq extends SurrogateGradient {

    public static final double DEFAULT_ALPHA = 0.2;
    /** The range's half width, fixed at 1 for 1-bit DSQ as in ReSTE's Table 3. */
    public static final double CLIP = 1.0;

    /** The options this estimator reads, with their defaults. */
    static final Map<String, Double> OPTIONS = Map.of("alpha", DEFAULT_ALPHA, "learn_alpha", 0.0);

    private final double alpha;
    private final double k;
    private final double s;

    public Dsq(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("dsq: alpha must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
        this.k = Math.log(2.0 / alpha - 1.0) / 2.0;
        this.s = 1.0 / (1.0 - alpha);
    }

    public Dsq() {
        this(DEFAULT_ALPHA);
    }

    static Estimator from(EstimatorOptions options) {
        double alpha = options.extra("alpha", DEFAULT_ALPHA);
        return options.extraFlag("learn_alpha", false) ? new DsqLearnedAlpha(alpha) : new Dsq(alpha);
    }

    @Override
    public String name() {
        return "dsq";
    }

    public double alpha() {
        return alpha;
    }

    /** The slope k = ln(2/alpha - 1)/2. */
    public double k() {
        return k;
    }

    /** The scale s = 1/(1 - alpha). */
    public double s() {
        return s;
    }

    @Override
    public NDArray gradient(NDArray z) {
        NDArray g;
        try (NDArray scaled = z.mul(k)) {
            g = scaled.tanh();
        }
        // s k (1 - tanh^2) = sk - sk * tanh^2, then zero outside the range.
        g.muli(g).muli(-s * k).addi(s * k);
        try (NDArray magnitude = z.abs();
                NDArray inside = Indicator.stepDown(magnitude, CLIP, 0.0)) {
            return g.muli(inside);
        }
    }
}
