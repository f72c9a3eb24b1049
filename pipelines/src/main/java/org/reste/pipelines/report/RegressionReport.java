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
    public record Context(String profileName, String profileTitle, String baselineFile, String runsDir, double kStd) {}

    public static String render(Context context, List<Row> rows) {
        MarkdownTable table = new MarkdownTable(List.of("Row", "Backbone", "W/A", "Estimator", "Baseline top-1",
                "Tonight top-1", "Change", "Allowed drop", "Verdict", "Baseline from"));
        for (Row row : rows) {
            String verdict = row.note().isEmpty() ? row.verdict().text() : row.verdict().text() + " (" + row.note() + ")";
            table.row(List.of(row.rowId(), row.backbone(), row.wa(), row.estimator(), baseline(row),
                    row.tonight() == null ? "—" : row.tonight().meanAndSd() + " (n = " + row.tonight().n() + ")",
                    signed(row.change()),
                    row.allowedDrop() == null ? "—" : PaperTable.number(row.allowedDrop()), verdict,
                    row.baselineSource().isBlank() ? "—" : row.baselineSource()));
        }
        StringBuilder out = new StringBuilder();
        out.append("# Nightly accuracy gate — ").append(context.profileName()).append(" profile\n\n");
        out.append("**").append(RegressionCheck.passes(rows) ? "PASS" : "FAIL").append("** — ")
                .append(counts(rows)).append(".\n\n");
        out.append("Baseline: `").append(context.baselineFile()).append("`. Tonight: the run records in `")
                .append(context.runsDir()).append("`. Budget: ").append(context.profileTitle()).append(".\n\n");
        out.append(table.render());
        out.append("\nBest top-1 (%, the best epoch of each run): mean ± sample standard deviation over the row's seeds (n of them), each row"
                + " matched by row id (the hash of its whole spec but the seed). Change = tonight's mean − the"
                + " baseline's, in points. Allowed drop = max(tolerance, k_std × the baseline's std), k_std = "
                + PaperTable.number(context.kStd()) + ". A row fails when it drops by more than that (REGRESSED) or"
                + " when a seed has no finished run record (MISSING); rising by more passes but asks for a"
                + " deliberate `--bless`, as does a row the baseline lacks (new).\n");
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

    private static String baseline(Row row) {
        if (row.baseline() == null) {
            return "—";
        }
        String value = PaperTable.number(row.baseline())
                + (row.baselineStd() == null ? "" : " ± " + PaperTable.number(row.baselineStd()));
        return value + " (n = " + row.baselineN() + ")";
    }

    /** A change in points; one that rounds to zero reads +0.00, whichever side of zero its float noise fell. */
    private static String signed(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%+.2f", Math.abs(value) < 0.005 ? 0.0 : value);
    }
}
