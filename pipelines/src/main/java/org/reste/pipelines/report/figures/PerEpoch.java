package org.reste.pipelines.report.figures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.RunRecord;

/**
 * One quantity per epoch across the seeds of a method: for each epoch, the statistics of the
 * seeds that reached it with a finite value. Seeds that stopped early or diverged (null loss)
 * simply do not count for those epochs, so a curve never invents values.
 */
public final class PerEpoch {

    private PerEpoch() {}

    /** Train loss per epoch; diverged epochs (null loss) are left out. */
    public static SortedMap<Integer, SeedSummary> trainLoss(Collection<RunRecord> runs) {
        return of(runs, EpochRecord::trainLoss);
    }

    /** Test top-1 (%) per epoch. */
    public static SortedMap<Integer, SeedSummary> testTop1(Collection<RunRecord> runs) {
        return of(runs, EpochRecord::testTop1);
    }

    /** {@code value} per epoch (null or non-finite: absent); a run that lists an epoch twice counts its last. */
    public static SortedMap<Integer, SeedSummary> of(Collection<RunRecord> runs, Function<EpochRecord, Double> value) {
        Map<Integer, List<Double>> byEpoch = new TreeMap<>();
        for (RunRecord run : runs) {
            Map<Integer, Double> last = new TreeMap<>();
            for (EpochRecord epoch : run.epochs()) {
                Double v = value.apply(epoch);
                if (v != null && Double.isFinite(v)) {
                    last.put(epoch.epoch(), v);
                } else {
                    last.remove(epoch.epoch());
                }
            }
            last.forEach((epoch, v) -> byEpoch.computeIfAbsent(epoch, k -> new ArrayList<>()).add(v));
        }
        SortedMap<Integer, SeedSummary> stats = new TreeMap<>();
        byEpoch.forEach((epoch, values) -> stats.put(epoch, SeedSummary.of(values)));
        return stats;
    }
}
