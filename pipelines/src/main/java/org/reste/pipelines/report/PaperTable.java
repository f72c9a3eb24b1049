package org.reste.pipelines.report;

import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reste.pipelines.config.PaperReference;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.report.stats.PairedDifference;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.io.Locations;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/**
 * One of the paper's Tables 1-3 as Markdown: the paper's table whole, every published row in the
 * paper's order, with ours beside the rows we run (same backbone, W/A and estimator): our best
 * and final top-1 as mean ± sample standard deviation over the row's seeds, n and min–max, the
 * difference to the paper, ReSTE minus this row paired by seed (where the row is a rival of a
 * ReSTE row of the same backbone and W/A), and the epochs we ran against the paper's. Methods we
 * do not rebuild are shown as paper only, with their auxiliary module or loss; Table 3 adds the
 * paper's Type, Rational and Flexible columns and its † marks. Runs we made that the paper has no
 * row for follow the paper's rows. The title says which profile and data produced the numbers.
 */
public final class PaperTable {

    private PaperTable() {}

    /**
     * What a table is made from.
     *
     * @param paperRows the paper table shown beside ours: null for the table {@code id} itself,
     *     whole; else only its rows that match a run of ours
     */
    public record Inputs(String id, String title, String profileName, String profileTitle,
            PaperReference reference, List<PlannedRun> planned, RowRecords records, String paperRows) {

        String paperTable() {
            return paperRows == null ? id : paperRows;
        }
    }

    /**
     * One line of the table: a published row ({@code paper} non-null), ours beside it or alone
     * ({@code ours} non-null), and, for a rival of a ReSTE row we run, ReSTE minus it by seed.
     */
    public record Line(PaperReference.Row paper, String backbone, String wa, String method, RowResult ours,
            RowResult reste, Optional<PairedDifference> resteMinusThis) {}

    /** The table's lines in the paper's order, then our runs it has no row for. */
    public static List<Line> lines(Inputs in) {
        List<PaperReference.Row> rows = published(in).map(PaperReference.Table::rows).orElse(List.of());
        List<RowResult> ours = RowResult.rows(in.planned(), in.records());
        List<Line> lines = new ArrayList<>();
        Set<String> matched = new LinkedHashSet<>();
        for (PaperReference.Row row : rows) {
            Optional<RowResult> result = row.estimator() == null ? Optional.empty()
                    : ours.stream().filter(r -> sameSetting(r.spec(), row.backbone(), row.wa(), row.estimator())).findFirst();
            boolean shownBefore = result.isPresent() && !matched.add(result.get().rowId());
            if (in.paperRows() != null && (result.isEmpty() || shownBefore)) {
                continue; // borrowed rows: only those of our runs, each once (FP heads two blocks of Table 1)
            }
            lines.add(line(row, row.backbone(), row.wa(), row.dagger() ? row.method() + " †" : row.method(),
                    result.orElse(null), ours));
        }
        for (RowResult result : ours) {
            if (!matched.contains(result.rowId())) {
                ExperimentSpec spec = result.spec();
                lines.add(line(null, spec.backbone(), spec.wa(), method(spec), result, ours));
            }
        }
        return lines;
    }

    public static String render(Inputs in) {
        return render(in, lines(in));
    }

    /** As {@link #render(Inputs)}, from the table's {@link #lines} already made. */
    public static String render(Inputs in, List<Line> lines) {
        Optional<PaperReference.Table> published = published(in);
        List<PaperReference.Row> rows = published.map(PaperReference.Table::rows).orElse(List.of());
        boolean top5 = published.map(t -> t.dataset().equals("imagenet")).orElse(false);
        boolean properties = rows.stream().anyMatch(r -> r.type() != null || r.rational() != null || r.flexible() != null);
        boolean paired = lines.stream().anyMatch(l -> l.reste() != null);
        List<String> header = new ArrayList<>(List.of("Backbone", "W/A", "Method", "Aux."));
        if (properties) {
            header.addAll(List.of("Type", "Rational", "Flexible"));
        }
        header.add("Paper top-1");
        header.addAll(List.of("Ours best top-1", "n", "min–max", "Ours final top-1", "Δ best − paper"));
        if (paired) {
            header.add("ReSTE − this (paired, 95% CI)");
        }
        if (top5) {
            header.addAll(List.of("Paper top-5", "Ours final top-5"));
        }
        header.addAll(List.of("Epochs ours / paper", "Status"));
        MarkdownTable table = new MarkdownTable(header);
        Set<String> dataNames = new LinkedHashSet<>();
        for (Line line : lines) {
            table.row(cells(in, line, top5, properties, paired, dataNames));
        }
        StringBuilder out = new StringBuilder();
        out.append("# ").append(in.title()).append(" — ").append(in.profileName()).append(" profile\n\n");
        out.append("Budget: ").append(in.profileTitle()).append(". ");
        out.append(dataNames.isEmpty() ? "No run of this table has finished yet." : "Data: " + String.join("; ", dataNames) + ".");
        out.append(" Paper numbers: configs/reference/paper.yaml, shown beside ours, never as ours.\n\n");
        out.append(STATISTICS).append("\n\n");
        out.append(table.render());
        if (rows.stream().anyMatch(PaperReference.Row::dagger)) {
            out.append("\n† the paper's mark: the estimator alone, used without its method's additional modules"
                    + " (paper, Table 3 and sec. 4.3).\n");
        }
        return out.toString();
    }

    /** What the numbers mean, above every table. */
    static final String STATISTICS = "Ours: mean ± sample standard deviation over the row's seeds (n of them; finished"
            + " and diverged runs count), min–max over the seeds. ReSTE − this: the mean over shared seeds of ReSTE's"
            + " best top-1 minus this row's (same initialisation and data order), with Student's t 95% interval;"
            + " n = 1 has no interval. Every seed's value: the table's .json companion.";

    private static Line line(PaperReference.Row paper, String backbone, String wa, String method, RowResult ours,
            List<RowResult> all) {
        RowResult reste = null;
        if (ours != null && !ours.spec().estimator().equals("reste") && !ours.spec().bits().fullPrecision()) {
            reste = all.stream().filter(r -> r.spec().estimator().equals("reste")
                    && sameSetting(r.spec(), ours.spec().backbone(), ours.spec().wa(), "reste")).findFirst().orElse(null);
        }
        Optional<PairedDifference> difference = reste == null ? Optional.empty()
                : PairedDifference.of(reste.bestTop1BySeed(), ours.bestTop1BySeed());
        return new Line(paper, backbone, wa, method, ours, reste, difference);
    }

    private static Optional<PaperReference.Table> published(Inputs in) {
        return Optional.ofNullable(in.reference().tables().get(in.paperTable()));
    }

    /** One line's cells. */
    private static List<String> cells(Inputs in, Line line, boolean top5, boolean properties, boolean paired,
            Set<String> dataNames) {
        PaperReference.Row row = line.paper();
        boolean notAnEstimator = row != null && row.estimator() == null;
        Double paperTop1 = row == null ? null : row.top1();
        RowResult ours = line.ours();
        if (ours != null) {
            ours.counted().stream().map(RunRecord::data).filter(d -> d != null).forEach(d -> dataNames.add(relative(d)));
        }
        List<String> cells = new ArrayList<>(List.of(line.backbone(), line.wa(), line.method(),
                text(row == null ? null : row.auxiliary())));
        if (properties) {
            cells.add(text(row == null ? null : row.type()));
            cells.add(row == null || row.rational() == null ? "—" : row.rational() ? "rational" : "not rational");
            cells.add(row == null || row.flexible() == null ? "—"
                    : row.flexible().equals("flexible") ? "flexible" : row.flexible() + " flexible");
        }
        cells.add(number(paperTop1));
        Optional<SeedSummary> best = ours == null ? Optional.empty() : ours.bestTop1();
        cells.add(best.map(SeedSummary::meanAndSd).orElse("—"));
        cells.add(best.map(b -> Integer.toString(b.n())).orElse("—"));
        cells.add(best.map(SeedSummary::range).orElse("—"));
        cells.add(ours == null ? "—" : ours.finalTop1().map(SeedSummary::meanAndSd).orElse("—"));
        cells.add(best.isPresent() && paperTop1 != null
                ? String.format(Locale.ROOT, "%+.2f", best.get().mean() - paperTop1) : "—");
        if (paired) {
            cells.add(line.reste() == null ? "—"
                    : line.resteMinusThis().map(PairedDifference::text).orElse("no shared finished seed yet"));
        }
        if (top5) {
            cells.add(number(row == null ? null : row.top5()));
            cells.add(ours == null ? "—" : ours.finalTop5().map(SeedSummary::meanAndSd).orElse("—"));
        }
        String dataset = ours != null ? ours.spec().dataset()
                : published(in).map(PaperReference.Table::dataset).orElse(null);
        String paperEpochs = notAnEstimator || dataset == null
                ? "—" : Integer.toString(in.reference().paperEpochs(dataset, line.backbone(), line.wa()));
        cells.add(epochsRun(ours) + " / " + paperEpochs);
        cells.add(notAnEstimator ? paperOnly(row.auxiliary()) : status(ours));
        return cells;
    }

    /** The epochs the row's runs ran: one number, or min–max when seeds ended at different epochs. */
    private static String epochsRun(RowResult ours) {
        if (ours == null || ours.records().isEmpty()) {
            return "—";
        }
        IntSummaryStatistics epochs = ours.records().stream().mapToInt(RunRecord::epochsRun).summaryStatistics();
        return epochs.getMin() == epochs.getMax() ? Integer.toString(epochs.getMin()) : epochs.getMin() + "–" + epochs.getMax();
    }

    /** A published method we do not rebuild (a full method, not an estimator), with its auxiliary. */
    private static String paperOnly(String auxiliary) {
        return auxiliary == null || auxiliary.equals("none") ? "paper only" : "paper only (auxiliary: " + auxiliary + ")";
    }

    private static String status(RowResult ours) {
        if (ours == null) {
            return "not in this matrix";
        }
        if (!ours.dataAvailable()) {
            return "not run: no data for " + ours.spec().dataset();
        }
        if (ours.records().isEmpty()) {
            return "not run yet";
        }
        if (ours.planned().size() == 1) {
            RunRecord record = ours.records().get(0);
            return record.status() == RunStatus.FINISHED ? "run " + record.runId()
                    : record.status().json() + " (" + record.runId() + ")";
        }
        return ours.progress();
    }

    private static boolean sameSetting(ExperimentSpec spec, String backbone, String wa, String estimator) {
        return spec.backbone().equals(backbone) && spec.wa().equals(wa) && spec.estimator().equals(estimator);
    }

    private static String method(ExperimentSpec spec) {
        String name = spec.bits().fullPrecision() ? "FP (" + spec.estimator() + ")" : spec.estimator();
        return spec.oEnd() != 3.0 ? name + ", o_end " + EquilibriumReport.plain(spec.oEnd()) : name;
    }

    /**
     * A data description with the project root left out, so committed tables read the same in any
     * checkout: this checkout's root, and the root of the checkout that wrote the record (an
     * absolute path ending in the shipped sample's folder, {@link DatasetCatalog#SAMPLE_DIR}).
     */
    static String relative(String description) {
        String root = System.getProperty("reste.root");
        String text = root == null ? description : Locations.insideRelativeTo(java.nio.file.Path.of(root), description);
        return ELSEWHERE_SAMPLE.matcher(text).replaceAll(Matcher.quoteReplacement(DatasetCatalog.SAMPLE_DIR));
    }

    /** The shipped sample under another checkout's root, e.g. /work/main/data/cifar10-sample. */
    private static final Pattern ELSEWHERE_SAMPLE =
            Pattern.compile("/\\S*/" + Pattern.quote(DatasetCatalog.SAMPLE_DIR) + "(?=/|\\s|$)");

    static ExperimentSpec spec(PlannedRun run) {
        return run.spec();
    }

    private static String text(String value) {
        return value == null ? "—" : value;
    }

    static String number(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }
}
