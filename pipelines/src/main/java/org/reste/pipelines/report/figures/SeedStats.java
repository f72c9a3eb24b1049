package org.reste.pipelines.report.figures;

import java.util.Collection;

/**
 * What the seeds of one point say together: how many, their mean, their sample standard
 * deviation (n - 1; NaN for one seed, which has no spread to show) and their range. One class
 * so every figure averages seeds the same way.
 */
public record SeedStats(int n, double mean, double sd, double min, double max) {

    /** The statistics of {@code values} (finite, at least one). */
    public static SeedStats of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int n = values.size();
        double mean = sum / n;
        double sd = Double.NaN;
        if (n > 1) {
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(squares / (n - 1));
        }
        return new SeedStats(n, mean, sd, min, max);
    }

    /** Whether there is a spread to draw (two seeds or more). */
    public boolean hasSpread() {
        return n > 1;
    }
}
