package org.reste.pipelines.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.extensions.gcp.util.FakeGcsUtil;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.cli.ResteCli;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.preprocess.PreprocessOptions;
import org.reste.pipelines.preprocess.PreprocessPipeline;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.io.FakeGcs;
import org.reste.tasks.io.Locations;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunContext;
import org.reste.tasks.train.RunListener;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;
import org.reste.tasks.train.RunTrainer;

/**
 * gs:// end to end through the in-process fake of Cloud Storage: the shipped CIFAR-10 sample
 * preprocessed by Beam's TFRecordIO into gs://reste-bucket/shards (Beam's own GcsFileSystem,
 * whose GcsUtil answers from the fake), a run killed after its first epoch with its checkpoint
 * and record under gs://reste-bucket/results, the reproduce DAG resuming it from those shards,
 * and the tables written under gs://reste-bucket/results/tables. Every assertion reads the fake.
 */
class CloudStoragePipelinesTest {

    private static final String BUCKET = "gs://reste-bucket";

    @TempDir
    Path tmp;

    private FakeGcs gcs;

    @BeforeEach
    void fake() {
        gcs = FakeGcs.install("reste-bucket");
    }

    @AfterEach
    void real() {
        FakeGcs.uninstall();
    }

    private PreprocessOptions preprocessOptions(String output) {
        PreprocessOptions options = PipelineOptionsFactory.create().as(PreprocessOptions.class);
        options.setDataset("cifar10");
        options.setInput(sample().toString());
        options.setOutput(output);
        options.setShards(2);
        FakeGcsUtil.install(options.as(GcsOptions.class), gcs.storage());
        return options;
    }

    private static Path sample() {
        return Path.of(System.getProperty("reste.root", "..")).resolve(DatasetCatalog.SAMPLE_DIR);
    }

    @Test
    void preprocessTrainResumeAndTablesAllOnCloudStorage() throws Exception {
        // 1. preprocess: TFRecordIO writes the shards through Beam's FileSystems, the driver reads them back
        ShardManifest manifest = PreprocessPipeline.run(preprocessOptions(BUCKET + "/shards"));
        assertEquals(1000, manifest.splits().get("train").count());
        assertEquals(List.of(BUCKET + "/shards/manifest.json",
                BUCKET + "/shards/test/test-00000-of-00002.tfrecord",
                BUCKET + "/shards/test/test-00001-of-00002.tfrecord",
                BUCKET + "/shards/train/train-00000-of-00002.tfrecord",
                BUCKET + "/shards/train/train-00001-of-00002.tfrecord"), gcs.list(BUCKET + "/shards/"),
                "exactly the shards and the manifest: Beam's temp objects are gone");
        JsonNode json = Json.mapper().readTree(gcs.read(BUCKET + "/shards/manifest.json"));
        assertEquals(500, json.get("splits").get("test").get("count").asInt());
        assertEquals(gcs.read(BUCKET + "/shards/train/train-00001-of-00002.tfrecord").length,
                json.get("splits").get("train").get("shards").get(1).get("bytes").asLong());

        // 2. a 2-epoch run from the gs:// shards, killed after epoch 1: record and checkpoint on gs://
        Path configs = TinyConfigs.write(tmp.resolve("configs"));
        Files.writeString(configs.resolve("profiles/tiny.yaml"),
                Files.readString(configs.resolve("profiles/tiny.yaml")).replace("epochs: 1", "epochs: 2"));
        ReproductionPlan plan = ReproductionPlan.load(configs, "tiny", "3", Set.of("cifar10"));
        PlannedRun first = plan.distinctRuns().get(0);
        ExperimentSpec spec = Json.read(first.specJson(), ExperimentSpec.class);
        PathRunStore store = new PathRunStore(Locations.of(BUCKET + "/results"));
        RunListener kill = new RunListener() {
            @Override
            public void onEpoch(RunRecord progress, EpochRecord epoch) {
                throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> RunTrainer.train(spec,
                DatasetCatalog.open("cifar10", Locations.of(BUCKET + "/shards"), false), store,
                RunContext.cpu().withListener(kill)));
        String checkpoint = BUCKET + "/results/checkpoints/" + first.runId() + ".ckpt";
        assertTrue(gcs.exists(checkpoint), "the epoch-1 checkpoint is an object in the bucket");
        assertTrue(gcs.read(checkpoint).length > 914 * Float.BYTES, "it holds the weights (the tiny backbone's 914 floats)");
        RunRecord killed = Json.read(new String(gcs.read(BUCKET + "/results/runs/" + first.runId() + ".json"),
                StandardCharsets.UTF_8), RunRecord.class);
        assertEquals(1, killed.epochsRun());
        assertTrue(killed.data().contains("TFRecord shards of cifar10 at " + BUCKET + "/shards"), killed.data());

        // 3. the reproduce DAG with --data and --out on gs://: resumes the killed run, trains the other, writes tables
        ReproduceOptions options = PipelineOptionsFactory.create().as(ReproduceOptions.class);
        options.setOut(BUCKET + "/results");
        options.setData(BUCKET + "/shards");
        assertEquals(PipelineResult.State.DONE, ReproducePipeline.run(options, plan));

        RunRecord resumed = store.readRecord(first.runId()).orElseThrow();
        assertEquals(RunStatus.FINISHED, resumed.status());
        assertEquals(List.of(1, 2), resumed.epochs().stream().map(EpochRecord::epoch).toList(), "resumed, not restarted");
        assertFalse(gcs.exists(checkpoint), "a finished run's checkpoint is deleted");
        List<String> runs = gcs.list(BUCKET + "/results/runs/");
        assertEquals(plan.distinctRuns().size(), runs.size(), runs.toString());
        for (PlannedRun run : plan.distinctRuns()) {
            assertEquals(RunStatus.FINISHED, store.readRecord(run.runId()).orElseThrow().status());
        }
        assertEquals(List.of(BUCKET + "/results/tables/table3-curves.png", BUCKET + "/results/tables/table3.json",
                BUCKET + "/results/tables/table3.md"), gcs.list(BUCKET + "/results/tables/"));
        String table3 = new String(gcs.read(BUCKET + "/results/tables/table3.md"), StandardCharsets.UTF_8);
        assertTrue(table3.contains("tiny profile"), table3);
        assertTrue(table3.contains("2 / "), "epochs ours / paper: " + table3);
        assertEquals(List.of(), gcs.list(BUCKET + "/results/checkpoints/"), "no checkpoints left");

        // 4. the command line takes gs:// too: report rebuilds the same table from the records in the bucket
        assertEquals(0, ResteCli.execute("report", "--runs", BUCKET + "/results/runs", "--out", BUCKET + "/report",
                "--profile", "tiny", "--tables", "3", "--configs", configs.toString()));
        assertEquals(table3, new String(gcs.read(BUCKET + "/report/table3.md"), StandardCharsets.UTF_8));
    }

    @Test
    void trainToAMissingBucketIsOneLineAndExitCode2() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            code = ResteCli.execute("train", "--epochs", "1", "--train-subset", "64", "--out", "gs://no-such-bucket/results");
        } finally {
            System.setErr(err);
        }
        assertEquals(2, code);
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains(
                "gs://no-such-bucket: the bucket does not exist"), captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void preprocessToAMissingBucketStopsBeforeAnyWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PreprocessPipeline.build(preprocessOptions("gs://no-such-bucket/shards")));
        assertTrue(e.getMessage().startsWith("gs://no-such-bucket: the bucket does not exist"), e.getMessage());
    }
}
