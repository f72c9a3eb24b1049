package org.reste.pipelines.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reste.pipelines.config.PaperReference;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.report.figures.EquilibriumFigure;
import org.reste.pipelines.report.figures.LossComparison;
import org.reste.pipelines.report.figures.TrainingCurves;
import org.reste.tasks.io.AtomicFiles;
import org.reste.tasks.train.RunRecord;

/**
 * Writes a plan's tables from its records gathered by row: tables/table{1,2,3}.md with their
 * .json companions and training curves (table1-curves.png ...), and equilibrium.md with the
 * paper's Fig. 4 (equilibrium.png) and, when the sweep has o_end = 3 and 10, its Fig. 6
 * (fig6-loss.png). The same plan and records always give the same bytes.
 */
public final class ReportWriter {

    private ReportWriter() {}

    /** From the records on disk ({@code report}): the same tables as the DAG's for the same records. */
    public static List<Path> write(ReproductionPlan plan, Path runsDir, Path tablesDir) {
        return write(plan, RowRecords.gather(plan, RecordSet.load(runsDir)), tablesDir);
    }

    /** The paper's Fig. 6, beside the sweep's table when the sweep has both o_end = 3 and 10. */
    static final String LOSS_FIGURE = "fig6-loss.png";

    /** One line per row of ours that has final runs, named as the table names it. */
    private static byte[] trainingCurves(String title, List<PaperTable.Line> lines) {
        Map<String, List<RunRecord>> methods = new LinkedHashMap<>();
        for (PaperTable.Line line : lines) {
            if (line.ours() != null && !line.ours().counted().isEmpty()) {
                methods.put(line.backbone() + " " + line.wa() + " " + line.method(), line.ours().counted());
            }
        }
        return new TrainingCurves(title.replaceFirst(" —.*", ""), methods).png();
    }

    /** Returns the files written. */
    public static List<Path> write(ReproductionPlan plan, RowRecords records, Path tablesDir) {
        PaperReference reference = plan.reference();
        List<Path> written = new ArrayList<>();
        for (ReproductionPlan.TablePlan table : plan.tables()) {
            List<PlannedRun> runs = table.runs();
            if (table.id().equals("equilibrium")) {
                List<EquilibriumReport.Point> points = EquilibriumReport.points(runs, records);
                List<RunRecord> counted = EquilibriumReport.counted(points);
                written.add(AtomicFiles.write(tablesDir.resolve("equilibrium.png"),
                        new EquilibriumFigure(EquilibriumFigure.bySeries(counted)).png()));
                Optional<byte[]> loss = LossComparison.png(counted);
                loss.ifPresent(png -> written.add(AtomicFiles.write(tablesDir.resolve(LOSS_FIGURE), png)));
                String md = EquilibriumReport.render(table.title(), plan.profile().name(), plan.profile().title(), points,
                        "equilibrium.png", loss.isPresent() ? LOSS_FIGURE : null);
                written.add(AtomicFiles.write(tablesDir.resolve("equilibrium.md"), md.getBytes(StandardCharsets.UTF_8)));
            } else {
                PaperTable.Inputs inputs = new PaperTable.Inputs(table.id(), table.title(), plan.profile().name(),
                        plan.profile().title(), reference, runs, records, table.paperRows());
                String curves = table.id() + "-curves.png";
                List<PaperTable.Line> lines = PaperTable.lines(inputs); // one pass feeds the table, its curves and its .json
                written.add(AtomicFiles.write(tablesDir.resolve(curves), trainingCurves(table.title(), lines)));
                String md = PaperTable.render(inputs, lines) + "\n![train loss and test top-1 per epoch, mean over seeds, band from"
                        + " the seeds' min to max](" + curves + ")\n";
                written.add(AtomicFiles.write(tablesDir.resolve(table.id() + ".md"), md.getBytes(StandardCharsets.UTF_8)));
                written.add(AtomicFiles.write(tablesDir.resolve(table.id() + ".json"),
                        TableCompanion.json(inputs, lines).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return written;
    }
}
