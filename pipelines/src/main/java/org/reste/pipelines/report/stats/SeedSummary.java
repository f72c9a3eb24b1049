package org.reste.pipelines.report.stats;

import java.io.Serializable;
import java.util.Collection;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * One table cell's numbers over its seeds: n, mean, the sample standard deviation (n - 1 in the
 * denominator, so it estimates the seed-to-seed spread; undefined, null, for n = 1), min and max.
 */
public record SeedSummary(int n, double mean, Double sd, double min, double max) implements Serializable {

    /** @throws IllegalArgumentException when {@code values} is empty or holds a non-finite number */
    public static SeedSummary of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        DescriptiveStatistics stats = new DescriptiveStatistics();
        for (Double value : values) {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("not a finite number: " + value);
            }
            stats.addValue(value);
        }
        int n = (int) stats.getN();
        return new SeedSummary(n, stats.getMean(), n > 1 ? stats.getStandardDeviation() : null, stats.getMin(),
                stats.getMax());
    }

    /** Whether there is a spread to show (two seeds or more). */
    public boolean hasSpread() {
        return n > 1;
    }

    /** "28.97 ± 2.68", or "30.10" for one seed (no spread to show). */
    public String meanAndSd() {
        return sd == null ? format(mean) : format(mean) + " ± " + format(sd);
    }

    /** "25.04–33.32", or "—" for one seed. */
    public String range() {
        return n == 1 ? "—" : format(min) + "–" + format(max);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
