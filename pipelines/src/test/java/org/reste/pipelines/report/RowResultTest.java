package org.reste.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reste.pipelines.config.PlannedRun;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/** A table row over its seeds, from fabricated records with known answers. */
class RowResultTest {

    private static ExperimentSpec spec(String estimator, long seed) {
        return ExperimentSpec.builder().estimator(estimator).trainSubset(100).testSubset(50).epochs(2).batch(32).testBatch(50)
                .warmupEpochs(0).seed(seed).build();
    }

    private static PlannedRun planned(ExperimentSpec spec) {
        return new PlannedRun("table3", spec.runId(), Json.canonical(spec), true, spec.seedlessId(), spec.seed());
    }

    private static RunRecord record(ExperimentSpec spec, RunStatus status, Double best, Double last) {
        return new RunRecord(spec.runId(), status, spec, 2, 2, last, best, 90.0, 90.0, 100, 10, "cpu()", 2, "0.35.1",
                "2.7.1", "17", "abc", "test", null, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", List.of());
    }

    @Test
    void theSeedsOfOneSpecAreOneRowAndOnlyFinalRunsCount() {
        List<PlannedRun> planned = new ArrayList<>();
        List<RunRecord> records = new ArrayList<>();
        double[] best = {30.0, 32.0, 10.0, 99.0};
        RunStatus[] status = {RunStatus.FINISHED, RunStatus.FINISHED, RunStatus.DIVERGED, RunStatus.RUNNING};
        for (int seed = 1; seed <= 5; seed++) {
            ExperimentSpec spec = spec("reste", seed);
            planned.add(planned(spec));
            if (seed <= 4) {
                records.add(record(spec, status[seed - 1], best[seed - 1], best[seed - 1] - 1));
            }
        }
        List<RowResult> rows = RowResult.rows(planned, RowRecords.of(Map.of(planned.get(0).rowId(), records)));
        assertEquals(1, rows.size(), "five seeds of one spec");
        RowResult row = rows.get(0);
        assertEquals(3, row.counted().size(), "finished and diverged count; running does not");
        assertEquals(24.0, row.bestTop1().orElseThrow().mean(), 1e-12);
        assertEquals(10.0, row.bestTop1().orElseThrow().min());
        assertEquals(Math.sqrt(((6 * 6) + (8 * 8) + (14 * 14)) / 2.0), row.bestTop1().orElseThrow().sd(), 1e-12);
        assertEquals(23.0, row.finalTop1().orElseThrow().mean(), 1e-12);
        assertEquals("2 finished, 1 diverged, 1 running, 1 not run yet of 5", row.progress());
        assertEquals(Map.of(1L, 30.0, 2L, 32.0, 3L, 10.0), row.bestTop1BySeed());
    }

    @Test
    void recordsGatheredFromDiskAreGroupedByRowInSeedOrder() {
        List<PlannedRun> planned = new ArrayList<>();
        java.util.Map<String, RunRecord> byRun = new java.util.LinkedHashMap<>();
        for (String estimator : List.of("ste", "reste")) {
            for (long seed : List.of(2L, 1L)) {
                ExperimentSpec spec = spec(estimator, seed);
                planned.add(planned(spec));
                byRun.put(spec.runId(), record(spec, RunStatus.FINISHED, 20.0 + seed, 20.0));
            }
        }
        List<RowResult> rows = RowResult.rows(planned, gathered(planned, byRun));
        assertEquals(2, rows.size());
        assertEquals(List.of(1L, 2L), rows.get(0).records().stream().map(r -> r.spec().seed()).toList());
        assertTrue(rows.stream().allMatch(r -> r.progress().equals("2 of 2 finished")), rows.get(0).progress());
    }

    /** What RowRecords.gather does from a runs/ folder, without the folder. */
    private static RowRecords gathered(List<PlannedRun> planned, java.util.Map<String, RunRecord> byRun) {
        java.util.Map<String, List<RunRecord>> groups = new java.util.LinkedHashMap<>();
        for (PlannedRun run : planned) {
            groups.computeIfAbsent(run.rowId(), k -> new ArrayList<>()).add(byRun.get(run.runId()));
        }
        return RowRecords.of(groups);
    }
}
