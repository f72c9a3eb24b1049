package org.reste.pipelines.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reste.pipelines.config.PaperReference;
import org.reste.pipelines.config.PlannedRun;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/**
 * One of the paper's Tables 1-3 as Markdown: the paper's table whole, every published row in the
 * paper's order, with ours beside the rows we run (same backbone, W/A and estimator), the
 * difference, and the epochs we ran against the paper's. Methods we do not rebuild are shown as
 * paper only, with their auxiliary module or loss; Table 3 adds the paper's Type, Rational and
 * Flexible columns and its † marks. Runs we made that the paper has no row for follow the paper's
 * rows. The title says which profile and data produced the numbers.
 */
public final class PaperTable {

    private PaperTable() {}

    /** What a table is made from. */
    public record Inputs(String id, String title, String profileName, String profileTitle,
            PaperReference reference, List<PlannedRun> planned, RecordSet records) {}

    public static String render(Inputs in) {
        Optional<PaperReference.Table> published = Optional.ofNullable(in.reference().tables().get(in.id()));
        List<PaperReference.Row> rows = published.map(PaperReference.Table::rows).orElse(List.of());
        boolean top5 = published.map(t -> t.dataset().equals("imagenet")).orElse(false);
        boolean properties = rows.stream().anyMatch(r -> r.type() != null || r.rational() != null || r.flexible() != null);
        List<String> header = new ArrayList<>(List.of("Backbone", "W/A", "Method", "Aux."));
        if (properties) {
            header.addAll(List.of("Type", "Rational", "Flexible"));
        }
        header.add("Paper top-1");
        header.addAll(List.of("Ours top-1 (best)", "Ours top-1 (final)", "Δ best − paper"));
        if (top5) {
            header.addAll(List.of("Paper top-5", "Ours top-5 (final)"));
        }
        header.addAll(List.of("Epochs ours / paper", "Status"));
        MarkdownTable table = new MarkdownTable(header);
        Set<String> matchedRuns = new LinkedHashSet<>();
        Set<String> dataNames = new LinkedHashSet<>();
        for (PaperReference.Row row : rows) {
            Optional<PlannedRun> run = row.estimator() == null ? Optional.empty() : find(in.planned(), row);
            run.ifPresent(r -> matchedRuns.add(r.runId()));
            table.row(cells(in, row, row.backbone(), row.wa(), row.dagger() ? row.method() + " †" : row.method(),
                    run, top5, properties, dataNames));
        }
        for (PlannedRun run : in.planned()) {
            if (!matchedRuns.contains(run.runId())) {
                ExperimentSpec spec = spec(run);
                table.row(cells(in, null, spec.backbone(), spec.wa(), method(spec), Optional.of(run), top5, properties,
                        dataNames));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# ").append(in.title()).append(" — ").append(in.profileName()).append(" profile\n\n");
        out.append("Budget: ").append(in.profileTitle()).append(". ");
        out.append(dataNames.isEmpty() ? "No run of this table has finished yet." : "Data: " + String.join("; ", dataNames) + ".");
        out.append(" Paper numbers: configs/reference/paper.yaml, shown beside ours, never as ours.\n\n");
        out.append(table.render());
        if (rows.stream().anyMatch(PaperReference.Row::dagger)) {
            out.append("\n† the paper's mark: the estimator alone, used without its method's additional modules"
                    + " (paper, Table 3 and sec. 4.3).\n");
        }
        return out.toString();
    }

    /** One line: a published row ({@code row} non-null) or a run of ours the paper has no row for. */
    private static List<String> cells(Inputs in, PaperReference.Row row, String backbone, String wa, String method,
            Optional<PlannedRun> run, boolean top5, boolean properties, Set<String> dataNames) {
        boolean notAnEstimator = row != null && row.estimator() == null;
        Double paperTop1 = row == null ? null : row.top1();
        Optional<RunRecord> record = run.flatMap(r -> in.records().get(r.runId()));
        record.ifPresent(r -> {
            if (r.data() != null) {
                dataNames.add(relative(r.data()));
            }
        });
        List<String> cells = new ArrayList<>(List.of(backbone, wa, method, text(row == null ? null : row.auxiliary())));
        if (properties) {
            cells.add(text(row == null ? null : row.type()));
            cells.add(row == null || row.rational() == null ? "—" : row.rational() ? "rational" : "not rational");
            cells.add(row == null || row.flexible() == null ? "—"
                    : row.flexible().equals("flexible") ? "flexible" : row.flexible() + " flexible");
        }
        cells.add(number(paperTop1));
        Double best = record.map(RunRecord::bestTop1).orElse(null);
        cells.add(number(best));
        cells.add(number(record.map(RunRecord::finalTop1).orElse(null)));
        cells.add(best != null && paperTop1 != null ? String.format(Locale.ROOT, "%+.2f", best - paperTop1) : "—");
        if (top5) {
            cells.add(number(row == null ? null : row.top5()));
            cells.add(number(record.map(RunRecord::finalTop5).orElse(null)));
        }
        String dataset = run.map(r -> spec(r).dataset())
                .orElse(in.reference().tables().containsKey(in.id()) ? in.reference().tables().get(in.id()).dataset() : null);
        String paperEpochs = notAnEstimator || dataset == null
                ? "—" : Integer.toString(in.reference().paperEpochs(dataset, backbone, wa));
        cells.add(record.map(r -> r.epochsRun() + " / " + paperEpochs).orElse("— / " + paperEpochs));
        cells.add(notAnEstimator ? paperOnly(row.auxiliary()) : status(run, record));
        return cells;
    }

    /** A published method we do not rebuild (a full method, not an estimator), with its auxiliary. */
    private static String paperOnly(String auxiliary) {
        return auxiliary == null || auxiliary.equals("none") ? "paper only" : "paper only (auxiliary: " + auxiliary + ")";
    }

    private static String status(Optional<PlannedRun> run, Optional<RunRecord> record) {
        if (run.isEmpty()) {
            return "not in this matrix";
        }
        if (!run.get().dataAvailable()) {
            return "not run: no data for " + spec(run.get()).dataset();
        }
        if (record.isEmpty()) {
            return "not run yet";
        }
        RunStatus status = record.get().status();
        return status == RunStatus.FINISHED ? "run " + record.get().runId() : status.json() + " (" + record.get().runId() + ")";
    }

    private static Optional<PlannedRun> find(List<PlannedRun> planned, PaperReference.Row row) {
        for (PlannedRun run : planned) {
            ExperimentSpec spec = spec(run);
            if (spec.backbone().equals(row.backbone()) && spec.wa().equals(row.wa())
                    && spec.estimator().equals(row.estimator())) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
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
        String text = root == null ? description
                : description.replace(java.nio.file.Path.of(root).toAbsolutePath().normalize() + "/", "");
        return ELSEWHERE_SAMPLE.matcher(text).replaceAll(Matcher.quoteReplacement(DatasetCatalog.SAMPLE_DIR));
    }

    /** The shipped sample under another checkout's root, e.g. /work/main/data/cifar10-sample. */
    private static final Pattern ELSEWHERE_SAMPLE =
            Pattern.compile("/\\S*/" + Pattern.quote(DatasetCatalog.SAMPLE_DIR) + "(?=/|\\s|$)");

    static ExperimentSpec spec(PlannedRun run) {
        return Json.read(run.specJson(), ExperimentSpec.class);
    }

    private static String text(String value) {
        return value == null ? "—" : value;
    }

    static String number(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }
}
