package org.reste.pipelines.report;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.reste.pipelines.report.RegressionCheck.Row;
import org.reste.pipelines.report.RegressionCheck.Verdict;

/** regression.md: the gate's verdict, then per row baseline, tonight, change, tolerance and verdict. */
public final class RegressionReport {

    private RegressionReport() {}

    /** What the report names besides its rows. */
    public record Context(String profileName, String profileTitle, String baselineFile, String runsDir) {}

    public static String render(Context context, List<Row> rows) {
        MarkdownTable table = new MarkdownTable(List.of("Run", "Backbone", "W/A", "Estimator", "Baseline top-1",
                "Tonight top-1", "Change", "Tolerance", "Verdict", "Baseline from"));
        for (Row row : rows) {
            String verdict = row.note().isEmpty() ? row.verdict().text() : row.verdict().text() + " (" + row.note() + ")";
            table.row(List.of(row.runId(), row.backbone(), row.wa(), row.estimator(), PaperTable.number(row.baseline()),
                    PaperTable.number(row.tonight()), signed(row.change()),
                    row.tolerance() == null ? "—" : "± " + PaperTable.number(row.tolerance()), verdict,
                    row.baselineSource().isBlank() ? "—" : row.baselineSource()));
        }
        StringBuilder out = new StringBuilder();
        out.append("# Nightly accuracy gate — ").append(context.profileName()).append(" profile\n\n");
        out.append("**").append(RegressionCheck.passes(rows) ? "PASS" : "FAIL").append("** — ")
                .append(counts(rows)).append(".\n\n");
        out.append("Baseline: `").append(context.baselineFile()).append("`. Tonight: the run records in `")
                .append(context.runsDir()).append("`. Budget: ").append(context.profileTitle()).append(".\n\n");
        out.append(table.render());
        out.append("\nFinal top-1 (%) of each run, matched by run id (the hash of its whole spec). Change = tonight −"
                + " baseline, in points. A row fails when it drops by more than its tolerance (REGRESSED) or has"
                + " no finished run record (MISSING); rising by more than its tolerance passes but asks for a"
                + " deliberate `--bless`, as does a run the baseline has no row for (new).\n");
        return out.toString();
    }

    /** e.g. "3 pass, 1 REGRESSED", in the verdicts' order. */
    static String counts(List<Row> rows) {
        Map<Verdict, Long> byVerdict = rows.stream()
                .collect(Collectors.groupingBy(Row::verdict, () -> new EnumMap<>(Verdict.class), Collectors.counting()));
        if (byVerdict.isEmpty()) {
            return "no rows";
        }
        return Arrays.stream(Verdict.values()).filter(byVerdict::containsKey)
                .map(v -> byVerdict.get(v) + " " + v.label())
                .collect(Collectors.joining(", "));
    }

    private static String signed(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%+.2f", value);
    }
}
