package org.reste.tasks.estimator;

/**
 * IR-Net's temperature schedule for EDE (Qin et al., CVPR 2020, §3.3), which RBNN reuses: at
 * epoch e of E, {@code t = 10^(log10 tMin + (log10 tMax - log10 tMin) * e/E)}, i.e. t grows
 * log-linearly from tMin to tMax, and the scale is {@code k = max(1/t, 1)}.
 *
 * @param tMin t at the first epoch
 * @param tMax t at the end of training (e = E)
 */
public record LogLinearSchedule(double tMin, double tMax) {

    public LogLinearSchedule {
        if (!(tMin > 0 && Double.isFinite(tMin) && tMax >= tMin && Double.isFinite(tMax))) {
            throw new IllegalArgumentException("need 0 < tmin <= tmax, got tmin=" + tMin + ", tmax=" + tMax);
        }
    }

    /** t at epoch {@code epoch} (0-based) of {@code totalEpochs}; tMax when there are none. */
    public double at(int epoch, int totalEpochs) {
        if (totalEpochs <= 0) {
            return tMax;
        }
        double progress = (double) epoch / totalEpochs;
        double logMin = Math.log10(tMin);
        return Math.pow(10, logMin + (Math.log10(tMax) - logMin) * progress);
    }

    /** The scale {@code k = max(1/t, 1)} that goes with {@code t}. */
    public static double scale(double t) {
        return Math.max(1.0 / t, 1.0);
    }
}
