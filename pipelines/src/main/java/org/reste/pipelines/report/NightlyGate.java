package org.reste.pipelines.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.Profile;
import org.reste.tasks.io.AtomicFiles;
import org.reste.tasks.io.Locations;

/**
 * One night judged against its baseline: every row compared ({@link RegressionCheck}) and
 * regression.md written. {@code reste regress} and the reproduce job's gate step both call this,
 * so the command and the cloud job give the same verdict on the same records.
 */
public final class NightlyGate {

    /** The rows with their verdicts, where the report went, and whether the night passes. */
    public record Outcome(List<RegressionCheck.Row> rows, Path report, boolean passes) {

        /** The rows that fail the night (REGRESSED or MISSING), as "row id: verdict". */
        public List<String> failures() {
            return rows.stream().filter(row -> row.verdict().fails())
                    .map(row -> row.rowId() + ": " + row.verdict().text()).toList();
        }
    }

    private NightlyGate() {}

    /**
     * @param planned the runs of the baseline's matrix under its profile
     * @param runsShown how the report names the records' folder
     */
    public static Outcome judge(Baseline baseline, Profile profile, List<PlannedRun> planned, RowRecords records,
            String runsShown, Path report) {
        List<RegressionCheck.Row> rows = RegressionCheck.compare(baseline, planned, records);
        String markdown = RegressionReport.render(
                new RegressionReport.Context(profile.name(), profile.title(), baseline.file(), runsShown, baseline.kStd()), rows);
        AtomicFiles.write(report, markdown.getBytes(StandardCharsets.UTF_8));
        return new Outcome(rows, report, RegressionCheck.passes(rows));
    }

    /** The message a failed night stops with. */
    public static String failureMessage(Outcome outcome) {
        return "nightly gate FAILED (" + String.join("; ", outcome.failures()) + "): see " + Locations.show(outcome.report());
    }
}
