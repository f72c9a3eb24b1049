package org.reste.pipelines.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.reste.pipelines.config.PlannedRun;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.RunRecord;

/**
 * The paper's equilibrium analysis (Fig. 4) from the o_end sweep: per backbone and o_end, the
 * estimating error and the gradient instability (each summed over the binarized convs and
 * averaged over the epochs run) beside the accuracy they led to.
 */
public final class EquilibriumReport {

    private EquilibriumReport() {}

    /** One point of the sweep; the indicator means are null when the run has no indicators yet. */
    public record Point(String backbone, String wa, String estimator, double oEnd, Double estimatingError,
            Double gradientInstability, RunRecord record, PlannedRun run) {}

    public static List<Point> points(List<PlannedRun> planned, RecordSet records) {
        List<Point> points = new ArrayList<>();
        for (PlannedRun run : planned) {
            ExperimentSpec spec = PaperTable.spec(run);
            Optional<RunRecord> record = records.get(run.runId());
            Double error = record.map(r -> mean(r, true)).orElse(null);
            Double instability = record.map(r -> mean(r, false)).orElse(null);
            points.add(new Point(spec.backbone(), spec.wa(), spec.estimator(), spec.oEnd(), error, instability,
                    record.orElse(null), run));
        }
        return points;
    }

    public static String render(String title, String profileName, String profileTitle, List<Point> points,
            String plotFile) {
        MarkdownTable table = new MarkdownTable(List.of("Backbone", "W/A", "Estimator", "o_end",
                "Estimating error", "Gradient instability", "Best top-1", "Final top-1", "Epochs", "Status"));
        for (Point p : points) {
            RunRecord r = p.record();
            table.row(List.of(p.backbone(), p.wa(), p.estimator(), plain(p.oEnd()),
                    scientific(p.estimatingError()), scientific(p.gradientInstability()),
                    PaperTable.number(r == null ? null : r.bestTop1()), PaperTable.number(r == null ? null : r.finalTop1()),
                    r == null ? "—" : r.epochsRun() + " / " + r.epochsPlanned(),
                    r == null ? (p.run().dataAvailable() ? "not run yet" : "not run: no data") : r.status().json()));
        }
        return "# " + title + " — " + profileName + " profile\n\n"
                + "Budget: " + profileTitle + ". Estimating error: ||sign(w)|w|^(1/o_end) - sign(w)||_2; gradient"
                + " instability: var(|dL/dw|); both per iteration, summed over the binarized convs, averaged over"
                + " the epochs run. As o_end grows the estimate nears sign (error falls) while the gradients"
                + " grow spikier (instability rises): the paper's equilibrium.\n\n"
                + table.render() + "\n![equilibrium curves](" + plotFile + ")\n";
    }

    /** Per backbone: o_end -> (error, instability), for the plot. */
    public static Map<String, TreeMap<Double, double[]>> curves(List<Point> points) {
        Map<String, TreeMap<Double, double[]>> curves = new TreeMap<>();
        for (Point p : points) {
            if (p.estimatingError() != null && p.gradientInstability() != null) {
                curves.computeIfAbsent(p.backbone() + " " + p.wa(), k -> new TreeMap<>())
                        .put(p.oEnd(), new double[] {p.estimatingError(), p.gradientInstability()});
            }
        }
        return curves;
    }

    private static Double mean(RunRecord record, boolean error) {
        double sum = 0;
        int n = 0;
        for (EpochRecord epoch : record.epochs()) {
            if (epoch.indicators() != null) {
                sum += error ? epoch.indicators().estimatingError() : epoch.indicators().gradientInstability();
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String scientific(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.4g", value);
    }
}
