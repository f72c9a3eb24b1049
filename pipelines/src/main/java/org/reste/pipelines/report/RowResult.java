package org.reste.pipelines.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/**
 * One table row: a spec planned over several seeds, the records those runs have so far, and
 * what the final ones scored. A diverged run counts like a finished one (its accuracy is an
 * outcome of the method, and leaving it out would flatter the row); running and failed runs do
 * not count until they end.
 */
public record RowResult(String rowId, List<PlannedRun> planned, List<RunRecord> records) {

    /** The rows of {@code planned} in plan order, each with the records {@code gathered} holds for it. */
    public static List<RowResult> rows(List<PlannedRun> planned, RowRecords gathered) {
        Map<String, List<PlannedRun>> byRow = new LinkedHashMap<>();
        for (PlannedRun run : planned) {
            byRow.computeIfAbsent(run.rowId(), k -> new ArrayList<>()).add(run);
        }
        List<RowResult> rows = new ArrayList<>();
        byRow.forEach((rowId, runs) -> {
            List<String> ids = runs.stream().map(PlannedRun::runId).toList();
            rows.add(new RowResult(rowId, List.copyOf(runs),
                    gathered.row(rowId).stream().filter(r -> ids.contains(r.runId())).toList()));
        });
        return rows;
    }

    /** The row's spec (that of its first seed). */
    public ExperimentSpec spec() {
        return PaperTable.spec(planned.get(0));
    }

    public boolean dataAvailable() {
        return planned.get(0).dataAvailable();
    }

    /** The record of one of this row's planned runs, if it has one yet. */
    public Optional<RunRecord> record(PlannedRun run) {
        return records.stream().filter(r -> r.runId().equals(run.runId())).findFirst();
    }

    /** The records that count: final, with an evaluated epoch. */
    public List<RunRecord> counted() {
        return records.stream().filter(r -> r.status().isFinal() && r.bestTop1() != null).toList();
    }

    public Optional<SeedSummary> bestTop1() {
        return summary(RunRecord::bestTop1);
    }

    public Optional<SeedSummary> finalTop1() {
        return summary(RunRecord::finalTop1);
    }

    public Optional<SeedSummary> finalTop5() {
        return summary(RunRecord::finalTop5);
    }

    /** Seed -> best top-1 of the counted runs: one side of a paired comparison. */
    public Map<Long, Double> bestTop1BySeed() {
        Map<Long, Double> bySeed = new TreeMap<>();
        counted().forEach(r -> bySeed.put(r.spec().seed(), r.bestTop1()));
        return bySeed;
    }

    /** How many runs ended each way, e.g. "3 of 3 finished" or "1 finished, 1 diverged, 1 running of 3". */
    public String progress() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RunStatus status : List.of(RunStatus.FINISHED, RunStatus.DIVERGED, RunStatus.RUNNING, RunStatus.FAILED)) {
            long n = records.stream().filter(r -> r.status() == status).count();
            if (n > 0) {
                counts.put(status.json(), (int) n);
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((status, n) -> parts.add(n + " " + status));
        int missing = planned.size() - records.size();
        if (missing > 0) {
            parts.add(missing + " not run yet");
        }
        if (parts.size() == 1 && counts.size() == 1) {
            String only = counts.keySet().iterator().next();
            return counts.get(only) + " of " + planned.size() + " " + only;
        }
        return String.join(", ", parts) + " of " + planned.size();
    }

    private Optional<SeedSummary> summary(Function<RunRecord, Double> value) {
        List<Double> values = counted().stream().map(value).filter(v -> v != null).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(SeedSummary.of(values));
    }
}
