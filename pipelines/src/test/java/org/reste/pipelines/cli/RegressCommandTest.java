package org.reste.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/**
 * {@code ./reste regress} in-process on real files: a configs/ folder with a two-run nightly
 * matrix, run records written through the real record classes and store, baselines on disk.
 */
class RegressCommandTest {

    @TempDir
    Path tmp;

    private Path configs;
    private Path out;
    private Path runs;
    private List<PlannedRun> planned;

    @BeforeEach
    void configs() throws IOException {
        configs = tmp.resolve("configs");
        Files.createDirectories(configs.resolve("profiles"));
        Files.createDirectories(configs.resolve("experiments"));
        Files.createDirectories(configs.resolve("reference"));
        Files.createDirectories(configs.resolve("baselines"));
        Files.writeString(configs.resolve("profiles/tiny-nightly.yaml"), """
                profile: tiny-nightly
                title: "tiny-nightly — 2 epochs (test)"
                dataset: fashion-mnist
                epochs: 2
                train_subset: 64
                test_subset: 32
                batch: 32
                test_batch: 32
                lr: 0.1
                warmup_epochs: 0
                seed: 0
                """);
        Files.writeString(configs.resolve("experiments/nightly.yaml"), """
                table: nightly
                title: "Nightly"
                dataset: cifar10
                matrix:
                  - {backbone: resnet20, wa: "1/1", estimator: [reste, ste]}
                """);
        Files.writeString(configs.resolve("reference/paper.yaml"), "tables: {}\n");
        out = tmp.resolve("night");
        runs = out.resolve("runs");
        Files.createDirectories(runs);
        planned = ReproductionPlan.load(configs, "tiny-nightly", "nightly", new HashSet<>(DatasetCatalog.NAMES))
                .tables().get(0).runs();
    }

    @Test
    void equalNumbersPass() throws IOException {
        finished(0, 80.0);
        finished(1, 70.0);
        CliRun run = regress(baseline(80.0, 70.0, 1.0));
        assertEquals(0, run.code(), run.stderr());
        String md = report();
        assertTrue(md.contains("**PASS** — 2 pass."), md);
        assertTrue(md.contains("| " + rowId(0) + " | resnet20 | 1/1 | reste | 80.00 (n = 1) | 80.00 (n = 1) | +0.00 | 1.00 | pass |"), md);
        assertTrue(run.stdout().contains("PASS"), run.stdout());
    }

    @Test
    void aDropBeyondTheToleranceRegresses() throws IOException {
        finished(0, 78.5);
        finished(1, 70.0);
        CliRun run = regress(baseline(80.0, 70.0, 1.0));
        assertEquals(1, run.code(), run.stderr());
        String md = report();
        assertTrue(md.contains("**FAIL** — 1 pass, 1 REGRESSED."), md);
        assertTrue(md.contains("| 80.00 (n = 1) | 78.50 (n = 1) | -1.50 | 1.00 | REGRESSED |"), md);
        assertTrue(run.stdout().contains("FAIL"), run.stdout());
    }

    @Test
    void aDropWithinTheTolerancePasses() throws IOException {
        finished(0, 79.25);
        finished(1, 71.0);
        CliRun run = regress(baseline(80.0, 70.0, 1.0));
        assertEquals(0, run.code(), run.stderr());
        assertTrue(report().contains("| 80.00 (n = 1) | 79.25 (n = 1) | -0.75 | 1.00 | pass |"), report());
    }

    @Test
    void aRiseBeyondTheTolerancePassesButAsksForABlessing() throws IOException {
        finished(0, 85.0);
        finished(1, 70.0);
        CliRun run = regress(baseline(80.0, 70.0, 1.0));
        assertEquals(0, run.code(), run.stderr());
        assertTrue(report().contains("| +5.00 | 1.00 | improved beyond tolerance: bless? |"), report());
    }

    @Test
    void aMissingOrDivergedRunFails() throws IOException {
        finished(0, 80.0);
        CliRun missing = regress(baseline(80.0, 70.0, 1.0));
        assertEquals(1, missing.code(), missing.stderr());
        assertTrue(report().contains("| 70.00 (n = 1) | — | — | 1.00 | MISSING (seed 0: no run record) |"), report());

        record(1, RunStatus.DIVERGED, 1, 10.0);
        CliRun diverged = regress(baseline(80.0, 70.0, 1.0));
        assertEquals(1, diverged.code(), diverged.stderr());
        assertTrue(report().contains("MISSING (seed 0: run diverged after 1/2 epochs)"), report());
    }

    @Test
    void aRunWithoutABaselineRowIsReportedAsNewAndPasses() throws IOException {
        finished(0, 80.0);
        finished(1, 70.0);
        Path file = baseline(80.0, 70.0, 1.0);
        // Keep only the first row, as if the matrix had grown by the second run.
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.indexOf("  - row_id: \"" + rowId(1))));
        CliRun run = regress(file);
        assertEquals(0, run.code(), run.stderr());
        assertTrue(report().contains("| " + rowId(1) + " | resnet20 | 1/1 | ste | — | 70.00 (n = 1) | — | — | new: no baseline row, bless to add it |"),
                report());
    }

    @Test
    void blessWritesABaselineThatThenPassesAndKeepsTolerancesAndComments() throws IOException {
        Path file = configs.resolve("baselines/tiny.yaml");
        Files.writeString(file, """
                # Why the tolerance is what it is.
                profile: tiny-nightly
                table: nightly
                default_tolerance: 0.5
                rows: []
                """);
        finished(0, 80.0);
        finished(1, 70.0);
        CliRun empty = regress(file);
        assertEquals(2, empty.code());
        assertTrue(empty.stderr().startsWith("reste: " + file + ":5: field 'rows': no baseline rows yet"), empty.stderr());

        CliRun bless = regress(file, "--bless");
        assertEquals(0, bless.code(), bless.stderr());
        Baseline blessed = Baseline.load(file);
        assertEquals(List.of(rowId(0), rowId(1)), blessed.rows().stream().map(Baseline.Row::rowId).toList());
        assertEquals(List.of(0L), blessed.rows().get(0).seeds());
        assertEquals(null, blessed.rows().get(0).std(), "one seed has no spread");
        assertEquals(80.0, blessed.rows().get(0).top1());
        assertEquals(0.5, blessed.rows().get(0).tolerance());
        assertEquals("fashion-mnist", blessed.rows().get(0).dataset());
        assertEquals("abc1234", blessed.rows().get(0).commit());
        assertEquals("2026-01-01T00:01:00Z", blessed.rows().get(0).date());
        assertTrue(blessed.rows().get(0).records().get(0).endsWith("runs/" + id(0) + ".json"), blessed.rows().get(0).records().toString());
        assertTrue(Files.readString(file).startsWith("# Why the tolerance is what it is.\n"), Files.readString(file));
        assertEquals(0, regress(file).code());

        // A tolerance set by hand survives the next blessing; the new number replaces the old.
        Files.writeString(file, Files.readString(file).replaceFirst("    tolerance: 0.5\n", "    tolerance: 2\n"));
        finished(0, 81.0);
        assertEquals(0, regress(file, "--bless").code());
        blessed = Baseline.load(file);
        assertEquals(2.0, blessed.rows().get(0).tolerance());
        assertEquals(81.0, blessed.rows().get(0).top1());
        assertEquals(0.5, blessed.rows().get(1).tolerance());
    }

    @Test
    void blessRefusesAPartialNightAndLeavesTheBaselineAlone() throws IOException {
        Path file = baseline(80.0, 70.0, 1.0);
        String before = Files.readString(file);
        finished(0, 60.0);
        CliRun run = regress(file, "--bless");
        assertEquals(1, run.code());
        assertTrue(run.stderr().contains("not blessing") && run.stderr().contains(id(1) + " (no run record)"),
                run.stderr());
        assertEquals(before, Files.readString(file));
    }

    @Test
    void aMalformedBaselineNamesTheFileLineAndField() throws IOException {
        finished(0, 80.0);
        finished(1, 70.0);
        Path file = baseline(80.0, 70.0, 1.0);
        String good = Files.readString(file);

        Files.writeString(file, good.replaceFirst("top1: 80\n", "top1: high\n"));
        CliRun number = regress(file);
        assertEquals(2, number.code());
        assertEquals("reste: " + file + ":" + lineOf(good, "top1: 80\n") + ": field 'rows[0].top1': expected a number, got 'high'",
                number.stderr().strip());

        Files.writeString(file, good.replaceFirst("    tolerance: 1\n", "    tolerance: -1\n"));
        CliRun tolerance = regress(file);
        assertEquals(2, tolerance.code());
        assertTrue(tolerance.stderr().contains(file + ":" + lineOf(good, "    tolerance: 1\n") + ": field 'rows[0].tolerance'"),
                tolerance.stderr());

        Files.writeString(file, good.replaceFirst("    epochs: 2", "    epoch: 2"));
        CliRun unknown = regress(file);
        assertEquals(2, unknown.code());
        assertTrue(unknown.stderr().contains("field 'rows[0].epoch': unknown field"), unknown.stderr());

        // Human fields that contradict the run id's spec are a hand-editing mistake, not a verdict.
        Files.writeString(file, good.replaceFirst("estimator: \"reste\"", "estimator: \"ste\""));
        CliRun contradiction = regress(file);
        assertEquals(2, contradiction.code());
        assertTrue(contradiction.stderr().contains(file + ":" + lineOf(good, "- row_id: \"" + rowId(0))
                + ": field 'rows[0].estimator': says 'ste' but row " + rowId(0) + " has estimator 'reste'"), contradiction.stderr());
        assertFalse(Files.exists(out.resolve("regression.md")), "no report from a baseline that cannot be read");
    }

    @Test
    void aRowOverSeedsIsJudgedByItsMeanAgainstKStandardDeviations() throws IOException {
        Files.writeString(configs.resolve("profiles/tiny-seeds.yaml"), Files.readString(configs.resolve(
                "profiles/tiny-nightly.yaml")).replace("profile: tiny-nightly", "profile: tiny-seeds").replace("seed: 0", "seeds: [1, 2]"));
        List<PlannedRun> seeded = ReproductionPlan.load(configs, "tiny-seeds", "nightly", new HashSet<>(DatasetCatalog.NAMES))
                .tables().get(0).runs();
        assertEquals(4, seeded.size(), "2 specs x 2 seeds");
        assertEquals(seeded.get(0).rowId(), seeded.get(1).rowId(), "the seeds of one spec are one row");
        // Tonight: reste 79 and 81 (mean 80), ste 69 and 71 (mean 70).
        double[] tonight = {79.0, 81.0, 69.0, 71.0};
        for (int i = 0; i < 4; i++) {
            ExperimentSpec spec = Json.read(seeded.get(i).specJson(), ExperimentSpec.class);
            new PathRunStore(out).writeRecord(new RunRecord(seeded.get(i).runId(), RunStatus.FINISHED, spec, spec.epochs(),
                    spec.epochs(), tonight[i] - 20, tonight[i], 99.0, 99.0, 500.0, 10.0, "cpu()", 2, "0.33.0", "2.7.1", "17",
                    "abc1234", "test data", null, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z",
                    epochs(spec.epochs(), tonight[i])));
        }
        Path file = configs.resolve("baselines/seeds.yaml");
        Files.writeString(file, "profile: tiny-seeds\ntable: nightly\ndefault_tolerance: 0.5\nrows: []\n");
        assertEquals(0, regress(file, "--bless").code());
        Baseline blessed = Baseline.load(file);
        assertEquals(List.of(1L, 2L), blessed.rows().get(0).seeds());
        assertEquals(80.0, blessed.rows().get(0).top1(), 1e-12);
        assertEquals(Math.sqrt(2), blessed.rows().get(0).std(), 1e-4, "sample sd of 79 and 81");
        assertEquals(2.0, blessed.kStd(), "the documented default");

        // Allowed drop = max(0.5, 2 x 1.4142) = 2.83: a baseline mean 2.5 above tonight passes, 3 above fails.
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("top1: 80\n", "top1: 82.5\n"));
        CliRun within = regress(file);
        assertEquals(0, within.code(), within.stdout() + within.stderr());
        assertTrue(report().contains("| 82.50 ± 1.41 (n = 2) | 80.00 ± 1.41 (n = 2) | -2.50 | 2.83 | pass |"), report());
        Files.writeString(file, text.replaceFirst("top1: 80\n", "top1: 83\n"));
        assertEquals(1, regress(file).code());
        assertTrue(report().contains("| -3.00 | 2.83 | REGRESSED |"), report());
        // k_std: 0 leaves the tolerance alone.
        Files.writeString(file, text.replace("default_tolerance: 0.5\n", "default_tolerance: 0.5\nk_std: 0\n")
                .replaceFirst("top1: 80\n", "top1: 81\n"));
        assertEquals(1, regress(file).code(), "a drop of 1 > 0.5 without the std allowance");
    }

    @Test
    void outChoosesWhereTheReportGoes() throws IOException {
        finished(0, 80.0);
        finished(1, 70.0);
        Path elsewhere = tmp.resolve("reports");
        CliRun run = CliRun.of("regress", "--runs", runs.toString(), "--baseline", baseline(80.0, 70.0, 1.0).toString(),
                "--configs", configs.toString(), "--out", elsewhere.toString());
        assertEquals(0, run.code(), run.stderr());
        assertTrue(Files.readString(elsewhere.resolve("regression.md")).startsWith("# Nightly accuracy gate — tiny-nightly profile"));
        assertFalse(Files.exists(out.resolve("regression.md")));
    }

    @Test
    void reproduceWithABaselineJudgesTheNightAfterItsTablesAndFailsOnARegression() throws IOException {
        // Both runs already finished: the job trains nothing, writes its table, then runs the gate.
        finished(0, 80.0);
        finished(1, 70.0);
        CliRun pass = reproduce(baseline(80.0, 70.0, 1.0));
        assertEquals(0, pass.code(), pass.stdout() + pass.stderr());
        assertTrue(Files.exists(out.resolve("tables/nightly.md")));
        assertTrue(report().contains("**PASS** — 2 pass."), report());

        CliRun fail = reproduce(baseline(85.0, 70.0, 1.0));
        assertEquals(1, fail.code(), fail.stdout() + fail.stderr());
        assertTrue(fail.stderr().contains("nightly gate FAILED (" + rowId(0) + ": REGRESSED): see " + out.resolve("regression.md")),
                fail.stderr());
        assertTrue(report().contains("**FAIL** — 1 pass, 1 REGRESSED."), report());
    }

    @Test
    void reproduceRefusesABaselineItCannotHoldTheNightToBeforeTraining() throws IOException {
        Path file = configs.resolve("baselines/tiny.yaml");
        Files.writeString(file, "profile: tiny-nightly\ntable: nightly\ndefault_tolerance: 1.0\nrows: []\n");
        CliRun empty = reproduce(file);
        assertEquals(2, empty.code(), empty.stderr());
        assertTrue(empty.stderr().startsWith("reste: " + file + ":4: field 'rows': no baseline rows yet"), empty.stderr());

        Path other = baseline(80.0, 70.0, 1.0);
        Files.writeString(other, Files.readString(other).replace("profile: tiny-nightly", "profile: nightly"));
        CliRun profile = reproduce(other);
        assertEquals(2, profile.code(), profile.stderr());
        assertTrue(profile.stderr().contains(file + ": field 'profile': the baseline guards profile 'nightly', this job runs"
                + " profile 'tiny-nightly'"), profile.stderr());
        assertFalse(Files.exists(out.resolve("tables")), "nothing ran");
    }

    @Test
    void theCommittedCpuNightlyPassesItsBaseline() throws IOException {
        Path root = Path.of(System.getProperty("reste.root", ".."));
        CliRun run = CliRun.of("regress", "--runs", root.resolve("results/nightly-cpu/runs").toString(), "--baseline",
                root.resolve("configs/baselines/nightly-cpu.yaml").toString(), "--out", tmp.toString());
        assertEquals(0, run.code(), run.stdout() + run.stderr());
        assertTrue(Files.readString(tmp.resolve("regression.md")).contains("**PASS** — 4 pass."), run.stdout());
    }

    private CliRun regress(Path baseline, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("regress", "--runs", runs.toString(), "--baseline",
                baseline.toString(), "--configs", configs.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The reproduce job on the tiny nightly, with the gate held to {@code baseline}. */
    private CliRun reproduce(Path baseline) {
        Path root = Path.of(System.getProperty("reste.root", ".."));
        return CliRun.of("reproduce", "--profile", "tiny-nightly", "--tables", "nightly", "--configs", configs.toString(),
                "--data", org.reste.tasks.testing.SharedData.fashionMnist().toString(), "--out", out.toString(),
                "--baseline", baseline.toString());
    }

    private String report() throws IOException {
        return Files.readString(out.resolve("regression.md"));
    }

    private String id(int index) {
        return planned.get(index).runId();
    }

    private String rowId(int index) {
        return planned.get(index).rowId();
    }

    /** A baseline of both planned runs, written as --bless would write it. */
    private Path baseline(double first, double second, double tolerance) throws IOException {
        Path file = configs.resolve("baselines/tiny.yaml");
        Files.writeString(file, "profile: tiny-nightly\ntable: nightly\ndefault_tolerance: 1.0\nrows: []\n");
        Baseline empty = Baseline.load(file);
        List<Baseline.Row> rows = List.of(row(0, first, tolerance), row(1, second, tolerance));
        Files.writeString(file, empty.yamlWith(rows));
        return file;
    }

    private Baseline.Row row(int index, double top1, double tolerance) {
        ExperimentSpec spec = spec(index);
        return new Baseline.Row(rowId(index), spec.backbone(), spec.wa(), spec.estimator(), spec.dataset(), spec.epochs(),
                List.of(spec.seed()), top1, null, tolerance, "0000000", "2026-01-01T00:00:00Z",
                List.of("runs/" + id(index) + ".json"), 0);
    }

    /** A finished run whose best top-1 (what the gate judges) is {@code top1}; its final is half that. */
    private void finished(int index, double top1) {
        record(index, RunStatus.FINISHED, spec(index).epochs(), top1);
    }

    private void record(int index, RunStatus status, int epochsRun, double top1) {
        ExperimentSpec spec = spec(index);
        new PathRunStore(out).writeRecord(new RunRecord(id(index), status, spec, epochsRun, spec.epochs(), top1 / 2, top1,
                99.0, 99.0, 500.0, 10.0, "cpu()", 2, "0.33.0", "2.7.1", "17", "abc1234", "test data", null,
                "2026-01-01T00:00:00Z", "2026-01-01T00:01:00.123456789Z", epochs(epochsRun, top1)));
    }

    /** As many epoch records as the run says it ran (records are checked when read), the last at {@code top1}. */
    private static List<org.reste.tasks.train.EpochRecord> epochs(int n, double top1) {
        List<org.reste.tasks.train.EpochRecord> epochs = new java.util.ArrayList<>();
        for (int e = 1; e <= n; e++) {
            epochs.add(new org.reste.tasks.train.EpochRecord(e, 0.1, 1.0, 1.0, 50, e == n ? top1 : top1 - 1, 99, 1, 1, 100, 500, null));
        }
        return epochs;
    }

    private ExperimentSpec spec(int index) {
        return Json.read(planned.get(index).specJson(), ExperimentSpec.class);
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }

}
