package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * RBNN's training-aware approximation of sign (Lin et al., "Rotated Binary Neural Network",
 * NeurIPS 2020, §3), the estimator only: no rotation of the weights. Forward sign(z); backward
 * the derivative of {@code F(z) = k(sqrt(2) t z - sign(z) t^2 z^2 / 2)} for |z| < sqrt(2)/t,
 * {@code k sign(z)} beyond:
 *
 * <pre>
 *   weights:      G(z) = max(0, k (sqrt(2) t - t^2 |z|)),   k = max(1/t, 1)
 *   activations:  the same with k = 1 and t replaced by max(t, 1)
 *   t = 10^(log10 tmin + (log10 tmax - log10 tmin) * e/E)
 * </pre>
 *
 * (the EDE schedule, {@link LogLinearSchedule}). G is a triangle of height k sqrt(2) t that
 * reaches 0 at |z| = sqrt(2)/t: wide and flat early, narrow and tall late.
 *
 * <p>Options: {@code tmin} (0.01, RBNN's T_min = 10^-2) and {@code tmax} (10, T_max = 10^1). The
 * registry builds it for the {@link Role} it is asked for. {@link #scheduleValue} is the t this
 * instance uses (max(t, 1) for activations).
 */
public final class Rbnn extends SurrogateGradient {

    public static final double DEFAULT_TMIN = 0.01;
    public static final double DEFAULT_TMAX = 10.0;
    private static final double SQRT2 = Math.sqrt(2.0);

    /** The options this estimator reads, with their defaults. */
    static final Map<String, Double> OPTIONS = Map.of("tmin", DEFAULT_TMIN, "tmax", DEFAULT_TMAX);

    private final LogLinearSchedule schedule;
    private final Role role;
    private double t;
    private double k;

    public Rbnn(double tMin, double tMax, Role role) {
        try {
            this.schedule = new LogLinearSchedule(tMin, tMax);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rbnn: " + e.getMessage(), e);
        }
        if (role == null) {
            throw new IllegalArgumentException("rbnn: needs a role (weights or activations)");
        }
        this.role = role;
        set(tMin);
    }

    public Rbnn(Role role) {
        this(DEFAULT_TMIN, DEFAULT_TMAX, role);
    }

    static Rbnn from(EstimatorOptions options, Role role) {
        return new Rbnn(options.extra("tmin", DEFAULT_TMIN), options.extra("tmax", DEFAULT_TMAX), role);
    }

    @Override
    public String name() {
        return "rbnn";
    }

    public Role role() {
        return role;
    }

    /** The t in this instance's formula (for activations already max(t, 1)). */
    public double t() {
        return t;
    }

    /** The k in this instance's formula (1 for activations). */
    public double k() {
        return k;
    }

    @Override
    public void onEpoch(int epoch, int totalEpochs) {
        set(schedule.at(epoch, totalEpochs));
    }

    @Override
    public double scheduleValue() {
        return t;
    }

    private void set(double scheduled) {
        if (role == Role.WEIGHTS) {
            t = scheduled;
            k = LogLinearSchedule.scale(scheduled);
        } else {
            t = Math.max(scheduled, 1.0);
            k = 1.0;
        }
    }

    @Override
    public NDArray gradient(NDArray z) {
        try (NDArray line = z.abs()) {
            // k sqrt(2) t - k t^2 |z|, clamped at 0 from below.
            return line.muli(-k * t * t).addi(k * SQRT2 * t).maximum(0.0f);
        }
    }
}
