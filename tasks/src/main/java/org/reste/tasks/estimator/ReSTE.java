package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import org.reste.tasks.engine.FusedSignKernel;

/**
 * ReSTE, the rectified straight-through estimator (Wu et al., "Estimator Meets Equilibrium
 * Perspective: A Rectified Straight Through Estimator for Binary Neural Networks Training",
 * ICCV 2023). Forward sign(z); backward, with power o >= 1, threshold t and small interval m:
 *
 * <pre>
 *   G(z) = 0                          |z| > t
 *        = (1/o) |z|^((1-o)/o)        m < |z| <= t
 *        = m^(1/o) / m                |z| <= m   (the secant of sign(z)|z|^(1/o) over [0, m],
 *                                                 which keeps G finite near 0)
 * </pre>
 *
 * The comparisons with m and t happen in the tensor's dtype, as torch compares with a Python
 * float. o = 1 gives the clipped STE with threshold t. The power follows {@link ProgressivePower}
 * unless fixed.
 *
 * <p>Computed without bool masks or {@code where}, which are slow on the CPU: with
 * b = clamp(|z|, m, t) and e = (1-o)/o, the secant m^(1/o)/m is b^e at b = m, so
 * G = b^e * F with F = 1 for |z| <= m, 1/o for m < |z| <= t, 0 beyond t ({@link Indicator}).
 */
public final class ReSTE extends SurrogateGradient {

    public static final double DEFAULT_T = 1.5;
    public static final double DEFAULT_M = 0.1;

    private final ProgressivePower schedule;
    private final double t;
    private final double m;
    private double o;
    /** The fused CPU kernel at the current o, made whenever o is set (null: libtorch's ops). */
    private FusedSignKernel kernel;

    public ReSTE(double oEnd, double t, double m) {
        if (!(t > m && m > 0)) {
            throw new IllegalArgumentException("ReSTE needs t > m > 0, got t=" + t + ", m=" + m);
        }
        this.schedule = new ProgressivePower(oEnd);
        this.t = t;
        this.m = m;
        setPower(1.0);
    }

    public ReSTE(double oEnd) {
        this(oEnd, DEFAULT_T, DEFAULT_M);
    }

    /** An estimator fixed at power {@code o} (no schedule), for plots and tests. */
    public static ReSTE fixed(double o) {
        ReSTE estimator = new ReSTE(o);
        estimator.setPower(o);
        return estimator;
    }

    @Override
    public String name() {
        return "reste";
    }

    public double power() {
        return o;
    }

    @Override
    public void onEpoch(int epoch, int totalEpochs) {
        setPower(schedule.at(epoch, totalEpochs));
    }

    @Override
    public double scheduleValue() {
        return o;
    }

    /**
     * Computed without masks or {@code where}, which are slow on the CPU: with b = clamp(|z|, m, t)
     * and e = (1-o)/o, the secant m^(1/o)/m equals b^e at b = m, so
     * {@code G = b^e * F} with F = 1 for |z| <= m, 1/o for m < |z| <= t and 0 beyond t.
     */
    @Override
    public NDArray gradient(NDArray z) {
        try (NDArray magnitude = z.abs()) {
            NDArray g = Indicator.stepDown(magnitude, t, 0.0);
            if (o == 1.0) {
                return g;
            }
            try (NDArray power = power(magnitude, (1.0 - o) / o);
                    NDArray secantRegion = Indicator.stepDown(magnitude, m, 1.0 / o)) {
                return g.muli(power).muli(secantRegion);
            }
        }
    }

    private void setPower(double power) {
        o = power;
        kernel = FusedSignKernel.create(() -> new ReSTEKernel(t, m, power));
    }

    @Override
    protected FusedSignKernel fusedKernel() {
        return kernel;
    }

    /** {@code clamp(|z|, m, t)^exponent} as exp(e * log(x)): libtorch vectorizes both. */
    private NDArray power(NDArray magnitude, double exponent) {
        try (NDArray clamped = magnitude.clip(m, t);
                NDArray log = clamped.log()) {
            return log.muli(exponent).exp();
        }
    }
}
