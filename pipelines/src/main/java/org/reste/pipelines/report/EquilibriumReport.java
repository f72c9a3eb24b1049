package org.reste.pipelines.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.report.figures.EquilibriumFigure;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.RunRecord;

/**
 * The paper's equilibrium analysis (Fig. 4) from the o_end sweep: per backbone and o_end, the
 * estimating error and the gradient instability (each summed over the binarized convs and
 * averaged over the epochs run) beside the accuracy they led to, each as mean ± sample standard
 * deviation over the point's seeds.
 */
public final class EquilibriumReport {

    private EquilibriumReport() {}

    /** One point of the sweep (a table row over its seeds); the indicator summaries are empty until a run has them. */
    public record Point(String backbone, String wa, String estimator, double oEnd, RowResult row) {

        public Optional<SeedSummary> estimatingError() {
            return indicator(true);
        }

        public Optional<SeedSummary> gradientInstability() {
            return indicator(false);
        }

        private Optional<SeedSummary> indicator(boolean error) {
            EquilibriumFigure.Panel panel = error ? EquilibriumFigure.Panel.ESTIMATING_ERROR
                    : EquilibriumFigure.Panel.GRADIENT_INSTABILITY;
            List<Double> values = row.counted().stream().map(panel::value).filter(v -> v != null).toList();
            return values.isEmpty() ? Optional.empty() : Optional.of(SeedSummary.of(values));
        }
    }

    public static List<Point> points(List<PlannedRun> planned, RowRecords records) {
        List<Point> points = new ArrayList<>();
        for (RowResult row : RowResult.rows(planned, records)) {
            ExperimentSpec spec = row.spec();
            points.add(new Point(spec.backbone(), spec.wa(), spec.estimator(), spec.oEnd(), row));
        }
        return points;
    }

    /** Every counted run of the sweep: what its figures draw. */
    public static List<RunRecord> counted(List<Point> points) {
        return points.stream().flatMap(p -> p.row().counted().stream()).toList();
    }

    /**
     * @param lossFile the Fig. 6 image (o_end = 10 beside 3), null when the sweep lacks one of them
     */
    public static String render(String title, String profileName, String profileTitle, List<Point> points,
            String plotFile, String lossFile) {
        MarkdownTable table = new MarkdownTable(List.of("Backbone", "W/A", "Estimator", "o_end",
                "Estimating error", "Gradient instability", "Best top-1", "Final top-1", "n", "Epochs", "Status"));
        for (Point p : points) {
            RowResult row = p.row();
            table.row(List.of(p.backbone(), p.wa(), p.estimator(), plain(p.oEnd()),
                    scientific(p.estimatingError()), scientific(p.gradientInstability()),
                    row.bestTop1().map(SeedSummary::meanAndSd).orElse("—"),
                    row.finalTop1().map(SeedSummary::meanAndSd).orElse("—"),
                    Integer.toString(row.counted().size()),
                    row.records().isEmpty() ? "—" : row.records().stream().mapToInt(RunRecord::epochsRun).max().getAsInt()
                            + " / " + row.spec().epochs(),
                    row.records().isEmpty() ? (row.dataAvailable() ? "not run yet" : "not run: no data") : row.progress()));
        }
        return "# " + title + " — " + profileName + " profile\n\n"
                + "Budget: " + profileTitle + ". Estimating error: ||sign(w)|w|^(1/o_end) - sign(w)||_2; gradient"
                + " instability: var(|dL/dw|); both per iteration, summed over the binarized convs, averaged over"
                + " the epochs run. As o_end grows the estimate nears sign (error falls) while the gradients"
                + " grow spikier (instability rises): the paper's equilibrium. Each cell: mean ± sample standard"
                + " deviation over the point's n seeds.\n\n"
                + table.render() + "\n![Fig. 4: estimating error, gradient instability and best top-1 against o_end, mean and"
                + " sd over seeds](" + plotFile + ")\n"
                + (lossFile == null ? "" : "\n![Fig. 6: train loss per epoch, o_end = 10 beside o_end = 3](" + lossFile + ")\n");
    }

    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String scientific(Optional<SeedSummary> value) {
        return value.map(v -> String.format(Locale.ROOT, "%.4g", v.mean())
                + (v.sd() == null ? "" : String.format(Locale.ROOT, " ± %.2g", v.sd()))).orElse("—");
    }
}
