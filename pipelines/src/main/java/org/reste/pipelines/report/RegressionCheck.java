package org.reste.pipelines.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.ConfigException;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/**
 * The nightly gate's comparison: every baseline row, and every row of tonight's plan that the
 * baseline lacks, against tonight's records, each with a verdict. A row is a spec over the
 * profile's seeds, matched by row id only, so a number is only ever compared with the same
 * recipe's; tonight's number is the mean best top-1 over the row's planned seeds, and it counts
 * only when every one of them finished. Best, not final: at the CPU nightly's budget a 1W/1A
 * run's test top-1 jumps between epochs while its training loss falls smoothly (BatchNorm's
 * running statistics of sign activations after few steps), so the seeds' final top-1 spread
 * by 12.7 points where their best spread by 1.7 (nightly-cpu, 2026-12-02): a gate on the final
 * number would have to allow a drop of 25 points.
 */
public final class RegressionCheck {

    /** Below this, a difference is float noise in the stored percentages, not a change. */
    private static final double EPSILON = 1e-9;

    private RegressionCheck() {}

    /** What became of one row; {@link #fails()} ones make the gate exit 1. */
    public enum Verdict {
        PASS("pass", "pass", false),
        IMPROVED("improved", "improved beyond tolerance: bless?", false),
        NEW("new", "new: no baseline row, bless to add it", false),
        REGRESSED("REGRESSED", "REGRESSED", true),
        MISSING("MISSING", "MISSING", true);

        private final String label;
        private final String text;
        private final boolean fails;

        Verdict(String label, String text, boolean fails) {
            this.label = label;
            this.text = text;
            this.fails = fails;
        }

        /** A word for counts ("3 pass, 1 REGRESSED"); failing verdicts in capitals. */
        public String label() {
            return label;
        }

        /** The table cell. */
        public String text() {
            return text;
        }

        public boolean fails() {
            return fails;
        }
    }

    /**
     * One compared row. Baseline and tonight numbers are null where there are none;
     * {@code allowedDrop} is max(tolerance, k_std x baseline std); {@code note} says why a row is missing.
     */
    public record Row(String rowId, String backbone, String wa, String estimator, Double baseline, Double baselineStd,
            int baselineN, SeedSummary tonight, Double allowedDrop, Verdict verdict, String note, String baselineSource) {

        public Double change() {
            return baseline == null || tonight == null ? null : tonight.mean() - baseline;
        }
    }

    /** Baseline rows in file order, then the rows of tonight's plan the baseline has no row for. */
    public static List<Row> compare(Baseline baseline, List<PlannedRun> planned, RowRecords records) {
        List<Row> rows = new ArrayList<>();
        Map<String, RowResult> tonight = new LinkedHashMap<>();
        RowResult.rows(planned, records).forEach(row -> tonight.put(row.rowId(), row));
        Set<String> covered = new LinkedHashSet<>();
        for (Baseline.Row row : baseline.rows()) {
            covered.add(row.rowId());
            RowResult result = tonight.get(row.rowId());
            if (result != null) {
                checkSameRow(baseline, row, result.spec());
            }
            rows.add(judge(baseline, row, result));
        }
        for (RowResult result : tonight.values()) {
            if (covered.add(result.rowId())) {
                ExperimentSpec spec = result.spec();
                Optional<SeedSummary> finals = complete(result);
                rows.add(new Row(result.rowId(), spec.backbone(), spec.wa(), spec.estimator(), null, null, 0,
                        finals.orElse(null), null, finals.isPresent() ? Verdict.NEW : Verdict.MISSING,
                        finals.isPresent() ? "" : notFinished(result) + " (and no baseline row)", ""));
            }
        }
        return rows;
    }

    public static boolean passes(List<Row> rows) {
        return rows.stream().noneMatch(r -> r.verdict().fails());
    }

    /** Tonight's planned runs without a finished record, each with what became of it. */
    public static List<String> unfinished(List<PlannedRun> planned, RowRecords records) {
        List<String> unfinished = new ArrayList<>();
        for (PlannedRun run : planned) {
            Optional<RunRecord> record = records.run(run);
            if (record.filter(r -> r.status() == RunStatus.FINISHED && r.bestTop1() != null).isEmpty()) {
                unfinished.add(run.runId() + " (" + record.map(RegressionCheck::describe).orElse("no run record") + ")");
            }
        }
        return unfinished;
    }

    /**
     * The baseline rows {@code --bless} writes: one per row of the plan, tonight's mean and std of
     * the best top-1 over its seeds, the tolerance the row had (else the file's default) and the
     * records they came from.
     *
     * @throws IllegalStateException when a planned run has no finished record: a partial night is never blessed
     */
    public static List<Baseline.Row> blessedRows(Baseline baseline, List<PlannedRun> planned, RowRecords records,
            Path runsDir) {
        List<String> unfinished = unfinished(planned, records);
        if (!unfinished.isEmpty()) {
            throw new IllegalStateException("not blessing " + baseline.file() + ": tonight's runs under " + runsDir
                    + " are incomplete: " + String.join(", ", unfinished));
        }
        List<Baseline.Row> rows = new ArrayList<>();
        for (RowResult row : RowResult.rows(planned, records)) {
            ExperimentSpec spec = row.spec();
            SeedSummary finals = complete(row).orElseThrow();
            List<RunRecord> runs = row.records();
            String commit = String.join(", ", new LinkedHashSet<>(runs.stream().map(RunRecord::commit).toList()));
            String date = runs.stream().map(r -> toSeconds(r.updatedAt())).max(String::compareTo).orElse("");
            List<String> files = runs.stream().map(r -> PaperTable.relative(
                    runsDir.resolve(r.runId() + ".json").toAbsolutePath().normalize().toString())).toList();
            rows.add(new Baseline.Row(row.rowId(), spec.backbone(), spec.wa(), spec.estimator(), spec.dataset(),
                    spec.epochs(), row.planned().stream().map(PlannedRun::seed).toList(), finals.mean(), finals.sd(),
                    baseline.toleranceFor(row.rowId()), commit, date, files, 0));
        }
        return rows;
    }

    /** A record's ISO time to the second, for people reading the baseline; anything else as it is. */
    private static String toSeconds(String time) {
        if (time == null) {
            return "";
        }
        try {
            return Instant.parse(time).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return time;
        }
    }

    private static Row judge(Baseline baseline, Baseline.Row row, RowResult tonight) {
        String source = row.commit() + (row.date().isEmpty() ? "" : " @ " + row.date());
        double allowed = row.allowedDrop(baseline.kStd());
        Optional<SeedSummary> finals = tonight == null ? Optional.empty() : complete(tonight);
        if (finals.isEmpty()) {
            return new Row(row.rowId(), row.backbone(), row.wa(), row.estimator(), row.top1(), row.std(), row.seeds().size(),
                    null, allowed, Verdict.MISSING, tonight == null ? "not in tonight's plan" : notFinished(tonight), source);
        }
        double change = finals.get().mean() - row.top1();
        Verdict verdict = change < -allowed - EPSILON ? Verdict.REGRESSED
                : change > allowed + EPSILON ? Verdict.IMPROVED : Verdict.PASS;
        List<Long> seeds = tonight.planned().stream().map(PlannedRun::seed).toList();
        String note = seeds.equals(row.seeds()) ? "" : "seeds " + seeds + ", baseline's " + row.seeds();
        return new Row(row.rowId(), row.backbone(), row.wa(), row.estimator(), row.top1(), row.std(), row.seeds().size(),
                finals.get(), allowed, verdict, note, source);
    }

    /** The row's best top-1 over its seeds, only when every planned seed finished. */
    private static Optional<SeedSummary> complete(RowResult row) {
        List<RunRecord> finished = row.records().stream()
                .filter(r -> r.status() == RunStatus.FINISHED && r.bestTop1() != null).toList();
        if (finished.size() < row.planned().size()) {
            return Optional.empty();
        }
        return Optional.of(SeedSummary.of(finished.stream().map(RunRecord::bestTop1).toList()));
    }

    private static String notFinished(RowResult row) {
        List<String> parts = new ArrayList<>();
        for (PlannedRun run : row.planned()) {
            Optional<RunRecord> record = row.record(run);
            if (record.filter(r -> r.status() == RunStatus.FINISHED && r.bestTop1() != null).isEmpty()) {
                parts.add("seed " + run.seed() + ": " + record.map(RegressionCheck::describe).orElse("no run record"));
            }
        }
        return String.join("; ", parts);
    }

    private static String describe(RunRecord r) {
        return "run " + r.status().json() + " after " + r.epochsRun() + "/" + r.epochsPlanned() + " epochs";
    }

    /** A hand-edited row whose human fields disagree with its row id's spec is bad input, not a verdict. */
    private static void checkSameRow(Baseline baseline, Baseline.Row row, ExperimentSpec spec) {
        String[][] fields = {
            {"backbone", row.backbone(), spec.backbone()},
            {"wa", row.wa(), spec.wa()},
            {"estimator", row.estimator(), spec.estimator()},
            {"dataset", row.dataset(), spec.dataset()},
            {"epochs", Integer.toString(row.epochs()), Integer.toString(spec.epochs())},
        };
        for (String[] field : fields) {
            if (!field[1].equals(field[2])) {
                throw new ConfigException(baseline.file(), row.line(), "rows[" + baseline.rows().indexOf(row) + "]." + field[0],
                        "says '" + field[1] + "' but row " + row.rowId() + " has " + field[0] + " '" + field[2] + "'");
            }
        }
    }
}
