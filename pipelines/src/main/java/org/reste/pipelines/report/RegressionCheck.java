package org.reste.pipelines.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.ConfigException;
import org.reste.pipelines.config.PlannedRun;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/**
 * The nightly gate's comparison: every baseline row, and every run tonight's plan made that the
 * baseline lacks, against the run records, each with a verdict. A baseline row is matched by run
 * id only, so a number is only ever compared with the same spec's.
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
     * One compared run. {@code baseline}, {@code tonight} and {@code tolerance} are null where
     * there is no such number; {@code note} says why a row is missing.
     */
    public record Row(String runId, String backbone, String wa, String estimator, Double baseline, Double tonight,
            Double tolerance, Verdict verdict, String note, String baselineSource) {

        public Double change() {
            return baseline == null || tonight == null ? null : tonight - baseline;
        }
    }

    /** Baseline rows in file order, then tonight's planned runs the baseline has no row for. */
    public static List<Row> compare(Baseline baseline, List<PlannedRun> planned, RecordSet records) {
        List<Row> rows = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Baseline.Row row : baseline.rows()) {
            covered.add(row.runId());
            Optional<RunRecord> record = records.get(row.runId());
            record.ifPresent(r -> checkSameRun(baseline, row, r.spec()));
            rows.add(judge(row, record));
        }
        for (PlannedRun run : planned) {
            if (covered.add(run.runId())) {
                ExperimentSpec spec = PaperTable.spec(run);
                Optional<RunRecord> record = records.get(run.runId()).filter(r -> r.status() == RunStatus.FINISHED);
                rows.add(new Row(run.runId(), spec.backbone(), spec.wa(), spec.estimator(), null,
                        record.map(RunRecord::finalTop1).orElse(null), null,
                        record.isPresent() ? Verdict.NEW : Verdict.MISSING,
                        record.isPresent() ? "" : notFinished(records.get(run.runId())) + " (and no baseline row)", ""));
            }
        }
        return rows;
    }

    public static boolean passes(List<Row> rows) {
        return rows.stream().noneMatch(r -> r.verdict().fails());
    }

    /** Tonight's planned runs without a finished record, each with what became of it. */
    public static List<String> unfinished(List<PlannedRun> planned, RecordSet records) {
        List<String> unfinished = new ArrayList<>();
        for (PlannedRun run : planned) {
            Optional<RunRecord> record = records.get(run.runId());
            if (record.filter(r -> r.status() == RunStatus.FINISHED).isEmpty()) {
                unfinished.add(run.runId() + " (" + notFinished(record) + ")");
            }
        }
        return unfinished;
    }

    /**
     * The baseline rows {@code --bless} writes: one per planned run, tonight's final top-1, the
     * tolerance the run had (else the file's default) and the record it came from.
     *
     * @throws IllegalStateException when a planned run has no finished record: a partial night is never blessed
     */
    public static List<Baseline.Row> blessedRows(Baseline baseline, List<PlannedRun> planned, RecordSet records,
            Path runsDir) {
        List<String> unfinished = unfinished(planned, records);
        if (!unfinished.isEmpty()) {
            throw new IllegalStateException("not blessing " + baseline.file() + ": tonight's runs under " + runsDir
                    + " are incomplete: " + String.join(", ", unfinished));
        }
        List<Baseline.Row> rows = new ArrayList<>();
        for (PlannedRun run : planned) {
            RunRecord r = records.get(run.runId()).orElseThrow();
            ExperimentSpec spec = r.spec();
            Path file = runsDir.resolve(r.runId() + ".json").toAbsolutePath().normalize();
            rows.add(new Baseline.Row(r.runId(), spec.backbone(), spec.wa(), spec.estimator(), spec.dataset(),
                    spec.epochs(), r.finalTop1(), baseline.toleranceFor(r.runId()), r.commit(), toSeconds(r.updatedAt()),
                    PaperTable.relative(file.toString()), 0));
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

    private static Row judge(Baseline.Row row, Optional<RunRecord> record) {
        String source = row.commit() + (row.date().isEmpty() ? "" : " @ " + row.date());
        Optional<RunRecord> finished = record.filter(r -> r.status() == RunStatus.FINISHED && r.finalTop1() != null);
        if (finished.isEmpty()) {
            return new Row(row.runId(), row.backbone(), row.wa(), row.estimator(), row.top1(), null, row.tolerance(),
                    Verdict.MISSING, notFinished(record), source);
        }
        double tonight = finished.get().finalTop1();
        double change = tonight - row.top1();
        Verdict verdict = change < -row.tolerance() - EPSILON ? Verdict.REGRESSED
                : change > row.tolerance() + EPSILON ? Verdict.IMPROVED : Verdict.PASS;
        return new Row(row.runId(), row.backbone(), row.wa(), row.estimator(), row.top1(), tonight, row.tolerance(),
                verdict, "", source);
    }

    private static String notFinished(Optional<RunRecord> record) {
        return record.map(r -> "run " + r.status().json() + " after " + r.epochsRun() + "/" + r.epochsPlanned()
                + " epochs").orElse("no run record");
    }

    /** A hand-edited row whose human fields disagree with its run id's spec is bad input, not a verdict. */
    private static void checkSameRun(Baseline baseline, Baseline.Row row, ExperimentSpec spec) {
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
                        "says '" + field[1] + "' but run " + row.runId() + " has " + field[0] + " '" + field[2] + "'");
            }
        }
    }
}
