package org.reste.pipelines.report.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * A claim of the paper checked on our runs: the mean of (a - b) over the seeds both sides ran.
 * Runs that share a seed share their initialisation and data order, so pairing removes most of
 * the seed-to-seed spread that would swamp a difference of a point or two; the 95% interval is
 * Student's t with n - 1 degrees of freedom on the paired differences. With one shared seed
 * there is a difference but no interval (null bounds), never a made-up one.
 *
 * @param seeds the seeds both sides have, ascending
 */
public record PairedDifference(List<Long> seeds, double mean, Double sd, Double low, Double high)
        implements Serializable {

    public static final double CONFIDENCE = 0.95;

    /** Empty when the two sides share no seed. */
    public static Optional<PairedDifference> of(Map<Long, Double> a, Map<Long, Double> b) {
        SortedSet<Long> shared = new TreeSet<>(a.keySet());
        shared.retainAll(b.keySet());
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        DescriptiveStatistics differences = new DescriptiveStatistics();
        for (long seed : shared) {
            differences.addValue(a.get(seed) - b.get(seed));
        }
        int n = shared.size();
        double mean = differences.getMean();
        if (n < 2) {
            return Optional.of(new PairedDifference(List.copyOf(shared), mean, null, null, null));
        }
        double sd = differences.getStandardDeviation();
        double halfWidth = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2) * sd / Math.sqrt(n);
        return Optional.of(new PairedDifference(new ArrayList<>(shared), mean, sd, mean - halfWidth, mean + halfWidth));
    }

    public int n() {
        return seeds.size();
    }

    /** "+1.15 [−0.40, +2.70], n = 3" or "+1.15, n = 1 (no interval)". */
    public String text() {
        String signed = signed(mean);
        return low == null ? signed + ", n = 1 (no interval)"
                : signed + " [" + signed(low) + ", " + signed(high) + "], n = " + n();
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.2f", value);
    }
}
