package org.reste.tasks.estimator;

/**
 * ReSTE's progressive power (paper §3.4): at epoch e of E,
 * {@code o = 1 + (1 - cos(pi/2 * e/E)) * (oEnd - 1)}, so training starts as the clipped STE
 * (o = 1) and bends towards sign as o grows to oEnd.
 */
public record ProgressivePower(double oEnd) {

    public ProgressivePower {
        if (!(oEnd >= 1.0)) {
            throw new IllegalArgumentException("o_end must be >= 1, got " + oEnd);
        }
    }

    /** The power o at epoch {@code epoch} (0-based) of {@code totalEpochs}. */
    public double at(int epoch, int totalEpochs) {
        if (totalEpochs <= 0) {
            return oEnd;
        }
        double progress = (double) epoch / totalEpochs;
        return 1.0 + (1.0 - Math.cos(Math.PI / 2 * progress)) * (oEnd - 1.0);
    }
}
