package org.reste.pipelines.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.config.ConfigException;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunContext;
import org.reste.tasks.train.RunListener;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunResult;
import org.reste.tasks.train.RunStatus;
import org.reste.tasks.train.RunTrainer;

/** The real reproduction DAG on the DirectRunner over the shipped CIFAR-10 sample. */
class ReproducePipelineTest {

    @TempDir
    Path tmp;

    private ReproduceOptions options(Path out) {
        ReproduceOptions options = PipelineOptionsFactory.create().as(ReproduceOptions.class);
        options.setOut(out.toString());
        options.setData("");
        return options;
    }

    private ReproductionPlan plan(Path configs) {
        return ReproductionPlan.load(configs, "tiny", "1,3,equilibrium", Set.of("cifar10"));
    }

    @Test
    void writesEveryTableThenTrainsNothingTheSecondTime() throws Exception {
        Path configs = TinyConfigs.write(tmp.resolve("configs"));
        Path out = tmp.resolve("out");
        ReproductionPlan plan = plan(configs);
        assertEquals(5, plan.distinctRuns().size(), "1/1 reste is shared by tables 1 and 3");

        assertEquals(PipelineResult.State.DONE, ReproducePipeline.run(options(out), plan));
        Map<String, FileTime> recordTimes = times(out.resolve("runs"));
        assertEquals(5, recordTimes.size());
        Map<String, String> tables = contents(out.resolve("tables"));
        assertEquals(Set.of("table1.md", "table1.json", "table1-curves.png", "table3.md", "table3.json", "table3-curves.png",
                "equilibrium.md", "equilibrium.png"), tables.keySet(), "no Fig. 6 without o_end = 10");

        String table1 = tables.get("table1.md");
        assertTrue(table1.contains("tiny profile"), table1);
        assertTrue(table1.contains("| tiny | 1/1 | ReSTE (ours) | none | 86.75 |"), table1);
        assertTrue(table1.contains("| IR-Net | module | 86.50 |") && table1.contains("paper only (auxiliary: module)"),
                "IR-Net is shown, marked as paper only with its auxiliary");
        assertTrue(table1.contains("| tiny | 1/32 | ReSTE (ours) | none | 91.32 | — |"), "a paper row we did not run is kept");
        assertTrue(table1.contains("1 / 1000"), "epochs ours / paper");
        for (String name : List.of("table1.md", "table3.md", "equilibrium.md")) {
            assertWellFormed(tables.get(name));
        }
        assertTrue(tables.get("equilibrium.md").contains("| tiny | 1/1 | reste | 1 |"));

        assertEquals(PipelineResult.State.DONE, ReproducePipeline.run(options(out), plan));
        assertEquals(recordTimes, times(out.resolve("runs")), "no run trained again");
        Map<String, String> again = contents(out.resolve("tables"));
        for (String name : List.of("table1.md", "table1.json", "table3.md", "table3.json", "equilibrium.md")) {
            assertEquals(tables.get(name), again.get(name), name + " rewritten identically");
        }
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpoint() throws Exception {
        Path configs = TinyConfigs.write(tmp.resolve("configs"));
        Path out = tmp.resolve("out");
        ReproductionPlan plan = ReproductionPlan.load(configs, "tiny", "3", Set.of("cifar10"));
        PlannedRun first = plan.distinctRuns().get(0);
        ExperimentSpec twoEpochs = Json.read(first.specJson(), ExperimentSpec.class);
        // The tiny profile is one epoch; interrupting needs two: use a plan whose runs have 2 epochs.
        Files.writeString(configs.resolve("profiles/tiny.yaml"),
                Files.readString(configs.resolve("profiles/tiny.yaml")).replace("epochs: 1", "epochs: 2"));
        plan = ReproductionPlan.load(configs, "tiny", "3", Set.of("cifar10"));
        first = plan.distinctRuns().get(0);
        twoEpochs = Json.read(first.specJson(), ExperimentSpec.class);
        PathRunStore store = new PathRunStore(out);
        RunListener kill = new RunListener() {
            @Override
            public void onEpoch(RunRecord progress, EpochRecord epoch) {
                throw new IllegalStateException("killed");
            }
        };
        ExperimentSpec spec = twoEpochs;
        assertThrows(IllegalStateException.class, () -> RunTrainer.train(spec, DatasetCatalog.open("cifar10", null, false),
                store, RunContext.cpu().withListener(kill)));
        assertEquals(1, store.readRecord(first.runId()).orElseThrow().epochsRun());

        assertEquals(PipelineResult.State.DONE, ReproducePipeline.run(options(out), plan));
        RunRecord resumed = store.readRecord(first.runId()).orElseThrow();
        assertEquals(RunStatus.FINISHED, resumed.status());
        assertEquals(List.of(1, 2), resumed.epochs().stream().map(EpochRecord::epoch).toList());
        for (PlannedRun run : plan.distinctRuns()) {
            assertEquals(RunStatus.FINISHED, store.readRecord(run.runId()).orElseThrow().status());
        }
        assertEquals(RunResult.Outcome.ALREADY_DONE,
                RunTrainer.train(spec, DatasetCatalog.open("cifar10", null, false), store, RunContext.cpu()).outcome());
    }

    @Test
    void twoSpecsTimesTwoSeedsGatherIntoRowsOfTwo() throws Exception {
        Path configs = TinyConfigs.write(tmp.resolve("configs"));
        Path profile = configs.resolve("profiles/tiny.yaml");
        Files.writeString(profile, Files.readString(profile).replace("seed: 1", "seeds: [1, 2]"));
        Path out = tmp.resolve("out");
        ReproductionPlan plan = ReproductionPlan.load(configs, "tiny", "3", Set.of("cifar10"));
        assertEquals(4, plan.distinctRuns().size(), "ste and reste, each with seeds 1 and 2");

        assertEquals(PipelineResult.State.DONE, ReproducePipeline.run(options(out), plan));
        String md = Files.readString(out.resolve("tables/table3.md"));
        assertWellFormed(md);
        List<String> ste = md.lines().filter(l -> l.startsWith("| tiny | 1/1 | STE |")).toList();
        List<String> reste = md.lines().filter(l -> l.startsWith("| tiny | 1/1 | reste |")).toList();
        assertEquals(1, ste.size(), md);
        assertEquals(1, reste.size(), "our reste run, which the tiny paper table lacks, after the paper's rows\n" + md);
        for (String line : List.of(ste.get(0), reste.get(0))) {
            assertTrue(line.contains(" ± ") && line.contains(" | 2 | ") && line.contains("2 of 2 finished"), line);
        }
        assertTrue(ste.get(0).contains("], n = 2 |"), "ReSTE − STE paired over the 2 shared seeds, with its interval: " + ste.get(0));

        com.fasterxml.jackson.databind.JsonNode json = Json.mapper().readTree(out.resolve("tables/table3.json").toFile());
        List<Double> values = new java.util.ArrayList<>();
        json.get("rows").forEach(row -> row.get("runs").forEach(run -> values.add(run.get("best_top1").asDouble())));
        assertEquals(4, values.size(), json.toPrettyString());
        com.fasterxml.jackson.databind.JsonNode steRow = json.get("rows").get(0);
        assertEquals(2, steRow.get("best_top1").get("n").asInt());
        assertEquals(List.of(1L, 2L), List.of(steRow.get("runs").get(0).get("seed").asLong(), steRow.get("runs").get(1).get("seed").asLong()));
        double mean = (values.get(0) + values.get(1)) / 2;
        assertEquals(mean, steRow.get("best_top1").get("mean").asDouble(), 1e-9, "the row's mean is that of its seeds' values");
        assertEquals(2, steRow.get("reste_minus_this").get("seeds").size());
    }

    @Test
    void badConfigsNameFileLineAndField() throws Exception {
        Path configs = TinyConfigs.write(tmp.resolve("configs"));
        Path table3 = configs.resolve("experiments/table3.yaml");
        Files.writeString(table3, Files.readString(table3).replace("estimator: [ste, reste]", "estimator: [ste, resteX]"));
        ConfigException unknown = assertThrows(ConfigException.class, () -> plan(configs));
        assertTrue(unknown.getMessage().contains("table3.yaml:5: field 'estimator': unknown estimator 'resteX'"),
                unknown.getMessage());

        Files.writeString(table3, "table: table3\ntitle: x\ndataset: cifar10\nmatrix:\n  - {backbone: tiny, wa: \"1/1\", estimatr: ste}\n");
        ConfigException typo = assertThrows(ConfigException.class, () -> plan(configs));
        assertTrue(typo.getMessage().contains("table3.yaml:5: field 'matrix[0].estimatr': unknown field"), typo.getMessage());

        Files.writeString(table3, "table: table3\nmatrix: [unclosed\n");
        ConfigException malformed = assertThrows(ConfigException.class, () -> plan(configs));
        assertTrue(malformed.getMessage().contains("table3.yaml:") && malformed.getMessage().contains("malformed YAML"),
                malformed.getMessage());

        Path profile = configs.resolve("profiles/tiny.yaml");
        Files.writeString(profile, Files.readString(profile).replace("batch: 32\n", ""));
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ReproductionPlan.load(configs, "tiny", "1", Set.of("cifar10")));
        assertTrue(missing.getMessage().contains("tiny.yaml:1: field 'batch': missing"), missing.getMessage());
    }

    private static void assertWellFormed(String markdown) {
        int columns = -1;
        for (String line : markdown.lines().filter(l -> l.startsWith("|")).toList()) {
            int count = line.replace("\\|", "").split("\\|", -1).length;
            if (columns < 0) {
                columns = count;
            }
            assertEquals(columns, count, "every row has the header's column count: " + line);
        }
        assertTrue(columns > 3, markdown);
    }

    private static Map<String, FileTime> times(Path dir) throws Exception {
        Map<String, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                times.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    private static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> contents = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                contents.put(name, name.endsWith(".png") ? "png" : Files.readString(file));
            }
        }
        return contents;
    }
}
