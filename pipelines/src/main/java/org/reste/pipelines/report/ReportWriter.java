package org.reste.pipelines.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reste.pipelines.config.PaperReference;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.tasks.io.AtomicFiles;

/**
 * Writes tables/table{1,2,3}.md, equilibrium.md and equilibrium.png for a plan from the run
 * records under runs/. The same plan and records always give the same bytes.
 */
public final class ReportWriter {

    private ReportWriter() {}

    /** From the records on disk ({@code report}): the same tables as the DAG's for the same records. */
    public static List<Path> write(ReproductionPlan plan, Path runsDir, Path tablesDir) {
        return write(plan, RowRecords.gather(plan, RecordSet.load(runsDir)), tablesDir);
    }

    /** Returns the files written. */
    public static List<Path> write(ReproductionPlan plan, RowRecords records, Path tablesDir) {
        PaperReference reference = plan.reference();
        List<Path> written = new ArrayList<>();
        for (ReproductionPlan.TablePlan table : plan.tables()) {
            List<PlannedRun> runs = table.runs();
            if (table.id().equals("equilibrium")) {
                List<EquilibriumReport.Point> points = EquilibriumReport.points(runs, records);
                written.add(AtomicFiles.write(tablesDir.resolve("equilibrium.png"), EquilibriumPlot.png(curves(points))));
                String md = EquilibriumReport.render(table.title(), plan.profile().name(), plan.profile().title(), points,
                        "equilibrium.png");
                written.add(AtomicFiles.write(tablesDir.resolve("equilibrium.md"), md.getBytes(StandardCharsets.UTF_8)));
            } else {
                PaperTable.Inputs inputs = new PaperTable.Inputs(table.id(), table.title(), plan.profile().name(),
                        plan.profile().title(), reference, runs, records);
                written.add(AtomicFiles.write(tablesDir.resolve(table.id() + ".md"),
                        PaperTable.render(inputs).getBytes(StandardCharsets.UTF_8)));
                written.add(AtomicFiles.write(tablesDir.resolve(table.id() + ".json"),
                        TableCompanion.json(inputs).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return written;
    }

    /** Interim, until the XChart figure: per series, o_end -> the means (error, instability). */
    private static java.util.Map<String, java.util.TreeMap<Double, double[]>> curves(List<EquilibriumReport.Point> points) {
        java.util.Map<String, java.util.TreeMap<Double, double[]>> curves = new java.util.TreeMap<>();
        for (EquilibriumReport.Point p : points) {
            if (p.estimatingError().isPresent() && p.gradientInstability().isPresent()) {
                curves.computeIfAbsent(p.backbone() + " " + p.wa(), k -> new java.util.TreeMap<>())
                        .put(p.oEnd(), new double[] {p.estimatingError().get().mean(), p.gradientInstability().get().mean()});
            }
        }
        return curves;
    }
}
