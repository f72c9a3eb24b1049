package org.reste.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;

/** The committed nightly configs: the matrix under both profiles, the profile's dataset, the baselines. */
class NightlyPlanTest {

    private static final Path CONFIGS = Path.of(System.getProperty("reste.root", "..")).resolve("configs");

    @TempDir
    Path tmp;

    private static List<ExperimentSpec> specs(String profile, Set<String> datasets) {
        return ReproductionPlan.load(CONFIGS, profile, "nightly", datasets).tables().get(0).runs().stream()
                .map(run -> Json.read(run.specJson(), ExperimentSpec.class)).toList();
    }

    @Test
    void theCpuVariantRunsTheNightlyMatrixOnFashionMnist() {
        List<ExperimentSpec> gpu = specs("nightly", Set.of("cifar10"));
        List<ExperimentSpec> cpu = specs("nightly-cpu", Set.of("fashion-mnist"));
        assertEquals(gpu.stream().map(s -> s.backbone() + " " + s.wa() + " " + s.estimator()).toList(),
                cpu.stream().map(s -> s.backbone() + " " + s.wa() + " " + s.estimator()).distinct().toList());
        assertEquals(List.of(1L, 2L), cpu.stream().map(ExperimentSpec::seed).distinct().sorted().toList(),
                "the CPU nightly trains every spec with two seeds");
        assertEquals(2 * gpu.size(), cpu.size());
        assertTrue(gpu.stream().allMatch(s -> s.dataset().equals("cifar10") && s.epochs() == 30), gpu.toString());
        assertTrue(cpu.stream().allMatch(s -> s.dataset().equals("fashion-mnist") && s.epochs() == 4 && s.trainSubset() == 4000),
                cpu.toString());
        assertTrue(ReproductionPlan.load(CONFIGS, "nightly-cpu", "nightly", Set.of("fashion-mnist")).distinctRuns()
                .stream().allMatch(PlannedRun::dataAvailable));
        assertFalse(ReproductionPlan.load(CONFIGS, "nightly-cpu", "nightly", Set.of("cifar10")).distinctRuns()
                .stream().anyMatch(PlannedRun::dataAvailable));
    }

    @Test
    void nightlyRunsOnlyWhenNamed() {
        assertFalse(ReproductionPlan.parseTables("all").contains("nightly"));
        assertEquals(List.of("table1", "nightly"), ReproductionPlan.parseTables("1,nightly"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ReproductionPlan.parseTables("nighty"));
        assertTrue(unknown.getMessage().contains("known: all, 1, 2, 3, equilibrium, nightly"), unknown.getMessage());
    }

    @Test
    void anUnknownProfileDatasetNamesTheFileLineAndField() throws IOException {
        Path file = tmp.resolve("p.yaml");
        Files.writeString(file, Files.readString(CONFIGS.resolve("profiles/nightly-cpu.yaml"))
                .replace("dataset: fashion-mnist", "dataset: mnist"));
        ConfigException e = assertThrows(ConfigException.class, () -> Profile.load(file));
        String line = Long.toString(Files.readString(file).lines().takeWhile(l -> !l.startsWith("dataset:")).count() + 1);
        assertEquals(file + ":" + line + ": field 'dataset': unknown dataset 'mnist'; known: cifar10, fashion-mnist, imagenet",
                e.getMessage());
    }

    @Test
    void theCommittedBaselinesGuardTheNightlyPlan() {
        Baseline gpu = Baseline.load(CONFIGS.resolve("baselines/nightly.yaml"));
        assertEquals("nightly", gpu.profile());
        assertTrue(gpu.rows().isEmpty(), "no GPU night has run: its baseline invents no numbers");

        Baseline cpu = Baseline.load(CONFIGS.resolve("baselines/nightly-cpu.yaml"));
        List<String> planned = ReproductionPlan.load(CONFIGS, cpu.profile(), cpu.table(), new HashSet<>(DatasetCatalog.NAMES))
                .tables().get(0).runs().stream().map(PlannedRun::rowId).distinct().toList();
        assertEquals(planned, cpu.rows().stream().map(Baseline.Row::rowId).toList(),
                "the CPU baseline has one row per spec of the nightly-cpu plan: re-bless it after changing the plan");
    }
}
