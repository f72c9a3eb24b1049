package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * FDA, Frequency Domain Approximation (Xu et al., "Learning Frequency Domain Approximation for
 * Binary Neural Networks", NeurIPS 2021, §3), the estimator only: without FDA's noise
 * adaptation module, as ReSTE's Table 3 compares estimators. sign is the square wave
 * {@code (4/pi) sum_i sin((2i+1) omega z)/(2i+1)}; FDA keeps the first n+1 terms and
 * back-propagates through their derivative. Forward sign(z); backward
 *
 * <pre>
 *   G(z) = (4 omega / pi) * sum_{i=0..n} cos((2i+1) omega z)    |z| <= 1
 *        = 0                                                     |z| > 1
 *   n = n_start + floor((n_end - n_start) * e/E)
 * </pre>
 *
 * <p>Constants. omega = 0.1, n growing from 9 to 18 over training, and the clip at |z| = 1 are
 * those of BiBench's FDA layer (Qin et al., ICML 2023, {@code bibench/models/layers/fda.py}),
 * the public PyTorch implementation of FDA's backward: the authors' released code (MindSpore)
 * ships inference only, and the paper's own text was not available to this reproduction to
 * check the values against. Why the clip: the series is periodic in z (period 2 pi / omega,
 * about 63), so unclipped it would return to its peak, with alternating sign, far from 0.
 * Inside [-1, 1] G is bounded by its value at 0, {@code 4 omega (n+1) / pi} (1.27 at n = 9,
 * 2.42 at n = 18). As n grows the main lobe narrows to |z| < pi / (2 omega (n+1)), and beyond
 * it G goes negative: at n = 18, G < 0 for 0.83 < |z| <= 1 (down to -0.39 at |z| = 1). That is
 * the formula, kept as it is.
 *
 * <p>Computed with the identity {@code sum_{i=0..n} cos((2i+1)x) = sin(2(n+1)x) / (2 sin x)}:
 * two sines instead of n+1 cosines (measured 3-4x faster at n = 18 on this CPU). The removable
 * singularity at z = 0 is avoided by clamping |z| from below at a point where the clamped value
 * differs from the true one by less than 2^-24 relative, i.e. not at all in float32.
 *
 * <p>Options: {@code omega} (0.1; must be in (0, pi) so that sin(omega z) has no zero in
 * 0 < |z| <= 1), {@code n_start} (9) and {@code n_end} (18), whole numbers with
 * 0 <= n_start <= n_end. {@link #scheduleValue} is n.
 */
public final class Fda extends SurrogateGradient {

    public static final double DEFAULT_OMEGA = 0.1;
    public static final int DEFAULT_N_START = 9;
    public static final int DEFAULT_N_END = 18;
    /** G is zero beyond |z| = 1. */
    public static final double CLIP = 1.0;

    /** The options this estimator reads, with their defaults. */
    static final Map<String, Double> OPTIONS =
            Map.of("omega", DEFAULT_OMEGA, "n_start", (double) DEFAULT_N_START, "n_end", (double) DEFAULT_N_END);

    private final double omega;
    private final int nStart;
    private final int nEnd;
    private int n;

    public Fda(double omega, int nStart, int nEnd) {
        if (!(omega > 0 && omega < Math.PI)) {
            throw new IllegalArgumentException("fda: omega must be in (0, pi), got " + omega);
        }
        if (!(nStart >= 0 && nEnd >= nStart)) {
            throw new IllegalArgumentException("fda: need 0 <= n_start <= n_end, got n_start=" + nStart + ", n_end=" + nEnd);
        }
        this.omega = omega;
        this.nStart = nStart;
        this.nEnd = nEnd;
        this.n = nStart;
    }

    public Fda() {
        this(DEFAULT_OMEGA, DEFAULT_N_START, DEFAULT_N_END);
    }

    static Fda from(EstimatorOptions options) {
        try {
            return new Fda(options.extra("omega", DEFAULT_OMEGA), options.extraInt("n_start", DEFAULT_N_START),
                    options.extraInt("n_end", DEFAULT_N_END));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("fda:") ? e : new IllegalArgumentException("fda: " + e.getMessage(), e);
        }
    }

    /** An estimator fixed at {@code n} (no schedule), for plots and tests. */
    public static Fda fixed(double omega, int n) {
        return new Fda(omega, n, n);
    }

    @Override
    public String name() {
        return "fda";
    }

    public double omega() {
        return omega;
    }

    /** The current n: the series has n+1 terms. */
    public int terms() {
        return n;
    }

    @Override
    public void onEpoch(int epoch, int totalEpochs) {
        double progress = totalEpochs <= 0 ? 1.0 : (double) epoch / totalEpochs;
        n = nStart + (int) Math.floor(progress * (nEnd - nStart));
    }

    @Override
    public double scheduleValue() {
        return n;
    }

    @Override
    public NDArray gradient(NDArray z) {
        int harmonics = 2 * (n + 1);
        // Below this x = omega|z|, sin(Nx)/sin(x) differs from its limit N by (N^2 - 1) x^2 / 6 < 2^-24 relative.
        double xFloor = Math.sqrt(6.0 * Math.pow(2, -24) / ((double) harmonics * harmonics - 1.0));
        try (NDArray magnitude = z.abs();
                NDArray x = magnitude.clip(Math.min(xFloor / omega, CLIP), CLIP)) {
            x.muli(omega);
            NDArray g;
            try (NDArray nx = x.mul(harmonics)) {
                g = nx.sin();
            }
            try (NDArray denominator = x.sin();
                    NDArray inside = Indicator.stepDown(magnitude, CLIP, 0.0)) {
                // (4 omega / pi) * sin(Nx) / (2 sin x), zero beyond the clip.
                return g.divi(denominator).muli(2.0 * omega / Math.PI).muli(inside);
            }
        }
    }
}
