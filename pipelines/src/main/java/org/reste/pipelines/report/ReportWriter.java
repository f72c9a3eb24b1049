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

    /** Returns the files written. */
    public static List<Path> write(ReproductionPlan plan, Path runsDir, Path tablesDir) {
        RecordSet records = RecordSet.load(runsDir);
        PaperReference reference = plan.reference();
        List<Path> written = new ArrayList<>();
        for (ReproductionPlan.TablePlan table : plan.tables()) {
            List<PlannedRun> runs = table.runs();
            if (table.id().equals("equilibrium")) {
                List<EquilibriumReport.Point> points = EquilibriumReport.points(runs, records);
                written.add(AtomicFiles.write(tablesDir.resolve("equilibrium.png"), EquilibriumPlot.png(EquilibriumReport.curves(points))));
                String md = EquilibriumReport.render(table.title(), plan.profile().name(), plan.profile().title(), points,
                        "equilibrium.png");
                written.add(AtomicFiles.write(tablesDir.resolve("equilibrium.md"), md.getBytes(StandardCharsets.UTF_8)));
            } else {
                String md = PaperTable.render(new PaperTable.Inputs(table.id(), table.title(), plan.profile().name(),
                        plan.profile().title(), reference, runs, records));
                written.add(AtomicFiles.write(tablesDir.resolve(table.id() + ".md"), md.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return written;
    }
}
