package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * EDE, the Error Decay Estimator of IR-Net (Qin et al., "Forward and Backward Information
 * Retention for Accurate Binary Neural Networks", CVPR 2020, §3.3): forward sign(z); backward the
 * derivative of {@code k tanh(t z)}, with t growing over training so the surrogate moves from
 * identity-like (update ability) to sign-like (accuracy):
 *
 * <pre>
 *   G(z) = k t (1 - tanh^2(t z))
 *   t = 10^(log10 tmin + (log10 tmax - log10 tmin) * e/E),   k = max(1/t, 1)
 * </pre>
 *
 * ({@link LogLinearSchedule}). No clipping: G decays smoothly and is at most max(1, t).
 *
 * <p>Options: {@code tmin} (0.1, the paper's T_min = 10^-1) and {@code tmax} (10, the paper's
 * T_max = 10^1). IR-Net's own CIFAR-10 ResNet-20 code starts from tmin = 1e-3 instead; choose it
 * with {@code tmin=0.001}. The spec records whichever values a run used. {@link #scheduleValue}
 * is t.
 */
public final class Ede extends SurrogateGradient {

    public static final double DEFAULT_TMIN = 0.1;
    public static final double DEFAULT_TMAX = 10.0;

    /** The options this estimator reads, with their defaults. */
    static final Map<String, Double> OPTIONS = Map.of("tmin", DEFAULT_TMIN, "tmax", DEFAULT_TMAX);

    private final LogLinearSchedule schedule;
    private double t;

    public Ede(double tMin, double tMax) {
        try {
            this.schedule = new LogLinearSchedule(tMin, tMax);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ede: " + e.getMessage(), e);
        }
        this.t = tMin;
    }

    public Ede() {
        this(DEFAULT_TMIN, DEFAULT_TMAX);
    }

    static Ede from(EstimatorOptions options) {
        return new Ede(options.extra("tmin", DEFAULT_TMIN), options.extra("tmax", DEFAULT_TMAX));
    }

    @Override
    public String name() {
        return "ede";
    }

    /** The current t. */
    public double t() {
        return t;
    }

    /** The current k = max(1/t, 1). */
    public double k() {
        return LogLinearSchedule.scale(t);
    }

    @Override
    public void onEpoch(int epoch, int totalEpochs) {
        t = schedule.at(epoch, totalEpochs);
    }

    @Override
    public double scheduleValue() {
        return t;
    }

    @Override
    public NDArray gradient(NDArray z) {
        double kt = k() * t;
        NDArray g;
        try (NDArray scaled = z.mul(t)) {
            g = scaled.tanh();
        }
        // k t (1 - tanh^2) = kt - kt * tanh^2
        return g.muli(g).muli(-kt).addi(kt);
    }
}
