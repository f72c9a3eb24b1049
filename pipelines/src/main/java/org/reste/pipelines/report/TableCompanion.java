package org.reste.pipelines.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.report.stats.PairedDifference;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.RunRecord;

/**
 * A table's machine-readable companion (tables/table1.json ...): the same lines as the Markdown,
 * with every planned seed's run and value, so anyone can redo the statistics.
 */
public final class TableCompanion {

    private TableCompanion() {}

    record Companion(String table, String title, String profile, String budget, String statistics, List<LineJson> rows) {}

    /** One line; the ours fields are null where we have no run (paper only) or no final run yet. */
    record LineJson(String backbone, String wa, String method, String auxiliary, Double paperTop1, Double paperTop5,
            String rowId, List<RunJson> runs, SeedSummary bestTop1, SeedSummary finalTop1, SeedSummary finalTop5,
            String resteRowId, PairedDifference resteMinusThis) {}

    /** One planned seed: its record's numbers, or status "not run yet". */
    record RunJson(long seed, String runId, String status, Integer epochsRun, Double bestTop1, Double finalTop1,
            Double finalTop5) {}

    /** @param tableLines the table's {@link PaperTable#lines}, as its Markdown shows them */
    public static String json(PaperTable.Inputs in, List<PaperTable.Line> tableLines) {
        List<LineJson> lines = new ArrayList<>();
        for (PaperTable.Line line : tableLines) {
            RowResult ours = line.ours();
            lines.add(new LineJson(line.backbone(), line.wa(), line.method(),
                    line.paper() == null ? null : line.paper().auxiliary(),
                    line.paper() == null ? null : line.paper().top1(),
                    line.paper() == null ? null : line.paper().top5(),
                    ours == null ? null : ours.rowId(),
                    ours == null ? List.of() : runs(ours),
                    ours == null ? null : ours.bestTop1().orElse(null),
                    ours == null ? null : ours.finalTop1().orElse(null),
                    ours == null ? null : ours.finalTop5().orElse(null),
                    line.reste() == null ? null : line.reste().rowId(),
                    line.resteMinusThis().orElse(null)));
        }
        return Json.write(new Companion(in.id(), in.title(), in.profileName(), in.profileTitle(), PaperTable.STATISTICS,
                lines)) + "\n";
    }

    private static List<RunJson> runs(RowResult ours) {
        List<RunJson> runs = new ArrayList<>();
        for (PlannedRun run : ours.planned()) {
            Optional<RunRecord> record = ours.record(run);
            runs.add(record.map(r -> new RunJson(run.seed(), run.runId(), r.status().json(), r.epochsRun(), r.bestTop1(),
                            r.finalTop1(), r.finalTop5()))
                    .orElse(new RunJson(run.seed(), run.runId(), "not run yet", null, null, null, null)));
        }
        return runs;
    }
}
