package org.reste.pipelines.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.ConfigException;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.report.NightlyGate;
import org.reste.pipelines.report.RecordSet;
import org.reste.pipelines.report.RegressionCheck;
import org.reste.pipelines.report.RowRecords;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.io.AtomicFiles;
import org.reste.tasks.io.Locations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The nightly accuracy gate: tonight's run records against a blessed baseline, row by row, into
 * regression.md; the exit code is the verdict. The baseline names the profile and matrix it
 * guards, so tonight's runs are that plan's runs.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Compare tonight's best top-1 per row (a spec over the profile's seeds: their mean) with a"
            + " baseline (configs/baselines/*.yaml) and write regression.md: baseline, tonight, change, allowed"
            + " drop and verdict per row.",
            "A row REGRESSES when its mean drops by more than max(tolerance, k_std x the baseline's std) and is"
            + " MISSING when a seed has no finished record; a rise beyond that and a row without a baseline row"
            + " pass, flagged for a deliberate --bless."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every row passes (or --bless wrote the baseline)",
            "1:a row REGRESSED or is MISSING (or --bless refused a night with unfinished runs)",
            "2:bad input: an unreadable baseline (file, line and field named), run folder or record"})
final class RegressCommand implements Callable<Integer> {

    @Option(names = "--runs", required = true, description = "Tonight's run records (the …/runs folder of the reproduce job), local or gs://.")
    String runs;

    @Option(names = "--baseline", required = true, description = "The baseline, e.g. configs/baselines/nightly-cpu.yaml.")
    Path baseline;

    @Option(names = "--out", description = "Where regression.md goes, local or gs://. Default: the folder holding --runs.")
    String out;

    @Option(names = "--bless", description = "Write tonight's mean and std of the best top-1 per row as the new baseline rows (tolerances kept)."
            + " Only on purpose: after an intended change, or to fill an empty baseline.")
    boolean bless;

    @Option(names = "--configs", defaultValue = "configs", description = "The configs folder. Default: ${DEFAULT-VALUE}")
    String configs;

    @Override
    public Integer call() {
        Path runsFolder = Locations.of(runs);
        if (!Locations.isCloud(runsFolder) && !Files.isDirectory(runsFolder)) {
            throw new IllegalArgumentException("--runs " + runs + ": no such folder of run records");
        }
        Baseline base = Baseline.load(baseline);
        if (base.rows().isEmpty() && !bless) {
            throw new ConfigException(base.file(), base.rowsLine(), "rows", "no baseline rows yet: run the "
                    + base.profile() + " profile, then `./reste regress --runs RUNS --baseline " + base.file() + " --bless`");
        }
        Path root = Locations.projectRoot();
        ReproductionPlan plan = ReproductionPlan.load(root.resolve(configs), base.profile(), base.table(),
                new HashSet<>(DatasetCatalog.NAMES));
        List<PlannedRun> planned = plan.tables().get(0).runs();
        Path report = (out != null ? Locations.of(out) : runsFolder.toAbsolutePath().getParent()).resolve("regression.md");
        RowRecords records = RowRecords.gather(plan, RecordSet.load(runsFolder));
        NightlyGate.Outcome outcome = NightlyGate.judge(base, plan.profile(), planned, records, runs, report);
        outcome.rows().forEach(row -> System.out.printf("%-40s %s%n", row.rowId(), row.verdict().text()));
        System.out.println("wrote " + Locations.show(report));

        if (bless) {
            List<String> unfinished = RegressionCheck.unfinished(planned, records);
            if (!unfinished.isEmpty()) {
                System.err.println("reste: not blessing " + baseline + ": a partial night is never a baseline; unfinished: "
                        + String.join(", ", unfinished));
                return 1;
            }
            List<Baseline.Row> blessed = RegressionCheck.blessedRows(base, planned, records, runsFolder);
            AtomicFiles.write(baseline, base.yamlWith(blessed).getBytes(StandardCharsets.UTF_8));
            System.out.println("blessed " + blessed.size() + " rows into " + baseline);
            return 0;
        }
        System.out.println(outcome.passes() ? "PASS" : "FAIL: see " + report);
        return outcome.passes() ? 0 : 1;
    }
}
