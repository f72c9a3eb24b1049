package org.reste.pipelines.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.tasks.train.RunRecord;

/**
 * The run records of a plan gathered by table row (a spec over its seeds, keyed by
 * {@link PlannedRun#rowId()}): what every table, figure and gate is made from. The reproduce DAG
 * builds it from Beam's grouping ({@link #of}); {@code report} and {@code regress} from the
 * records on disk ({@link #gather}), with the same rule, so both give the same tables.
 */
public final class RowRecords {

    private final Map<String, List<RunRecord>> byRow;

    private RowRecords(Map<String, List<RunRecord>> byRow) {
        this.byRow = byRow;
    }

    /** Groups already made (by the DAG): row id -> that row's records, in any order. */
    public static RowRecords of(Map<String, ? extends List<RunRecord>> groups) {
        Map<String, List<RunRecord>> sorted = new LinkedHashMap<>();
        groups.forEach((row, records) -> sorted.put(row, bySeed(records)));
        return new RowRecords(sorted);
    }

    /** The records of {@code plan}'s runs found in {@code records}, grouped by row. */
    public static RowRecords gather(ReproductionPlan plan, RecordSet records) {
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        for (PlannedRun run : plan.distinctRuns()) {
            records.get(run.runId()).ifPresent(r -> groups.computeIfAbsent(run.rowId(), k -> new ArrayList<>()).add(r));
        }
        return of(groups);
    }

    /** Run id -> row id for every run of {@code plan}: how the DAG keys a record for its grouping. */
    public static Map<String, String> rowIdsByRun(ReproductionPlan plan) {
        Map<String, String> rows = new LinkedHashMap<>();
        plan.distinctRuns().forEach(run -> rows.put(run.runId(), run.rowId()));
        return rows;
    }

    /** The records of one row, by ascending seed; empty when none has a record yet. */
    public List<RunRecord> row(String rowId) {
        return byRow.getOrDefault(rowId, List.of());
    }

    /** The record of one run, if its row has it. */
    public java.util.Optional<RunRecord> run(PlannedRun run) {
        return row(run.rowId()).stream().filter(r -> r.runId().equals(run.runId())).findFirst();
    }

    /** Every record, row by row. */
    public List<RunRecord> all() {
        return byRow.values().stream().flatMap(List::stream).toList();
    }

    private static List<RunRecord> bySeed(List<RunRecord> records) {
        return records.stream().sorted(Comparator.comparingLong((RunRecord r) -> r.spec().seed())
                .thenComparing(RunRecord::runId)).toList();
    }
}
