package org.reste.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.train.Json;

/** The command line in-process: real commands, their printed output and exit codes. */
class CliTest {

    @TempDir
    Path out;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void estimatorPrintsRealGradientsAsJson() throws Exception {
        CliRun run = run("estimator", "--name", "reste", "--o", "3", "--points", "-2,-0.05,0.5", "--json");
        assertEquals(0, run.code(), run.stderr());
        JsonNode json = Json.mapper().readTree(run.stdout());
        assertEquals("reste", json.get("estimator").asText());
        assertEquals(3.0, json.get("o").asDouble());
        assertEquals(-1.0, json.get("forward").get(0).asDouble());
        assertEquals(0.0, json.get("gradient").get(0).asDouble());
        assertEquals(Math.pow(0.1, 1 / 3.0) / 0.1, json.get("gradient").get(1).asDouble(), 1e-5);
        assertEquals((1 / 3.0) * Math.pow(0.5, -2 / 3.0), json.get("gradient").get(2).asDouble(), 1e-5);
    }

    @Test
    void everyEstimatorProbesAtTheStartAndEndOfItsSchedule() throws Exception {
        for (String name : org.reste.tasks.estimator.EstimatorRegistry.names()) {
            for (String fraction : new String[] {"0", "1"}) {
                CliRun run = run("estimator", "--name", name, "--epoch-fraction", fraction, "--points", "-2,0,0.5", "--json");
                assertEquals(0, run.code(), name + ": " + run.stderr());
                JsonNode json = Json.mapper().readTree(run.stdout());
                assertEquals(name, json.get("estimator").asText());
                assertEquals(Double.parseDouble(fraction), json.get("epoch_fraction").asDouble());
                assertTrue(json.has("schedule_value") && json.has("estimator_args"), run.stdout());
                assertEquals(3, json.get("gradient").size());
            }
        }
    }

    @Test
    void estimatorScheduleValueAndArgsAreInTheJson() throws Exception {
        CliRun start = run("estimator", "--name", "ede", "--estimator-arg", "tmin=0.001", "--epoch-fraction", "0",
                "--points", "0,0.5", "--json");
        assertEquals(0, start.code(), start.stderr());
        JsonNode json = Json.mapper().readTree(start.stdout());
        assertEquals(0.001, json.get("schedule_value").asDouble(), 1e-12);
        assertEquals(0.001, json.get("estimator_args").get("tmin").asDouble());
        assertEquals(10.0, json.get("estimator_args").get("tmax").asDouble());
        // t = 0.001, k = 1000: G(0) = k t = 1.
        assertEquals(1.0, json.get("gradient").get(0).asDouble(), 1e-6);

        CliRun end = run("estimator", "--name", "fda", "--points", "0", "--json");
        JsonNode fda = Json.mapper().readTree(end.stdout());
        assertEquals(18.0, fda.get("schedule_value").asDouble());
        assertEquals(4 * 0.1 * 19 / Math.PI, fda.get("gradient").get(0).asDouble(), 1e-5);

        CliRun acts = run("estimator", "--name", "rbnn", "--role", "activations", "--epoch-fraction", "0", "--points", "0",
                "--json");
        assertEquals(Math.sqrt(2), Json.mapper().readTree(acts.stdout()).get("gradient").get(0).asDouble(), 1e-6);

        CliRun none = run("estimator", "--name", "ste", "--points", "0", "--json");
        assertTrue(Json.mapper().readTree(none.stdout()).get("schedule_value").isNull(), none.stdout());
    }

    @Test
    void badEstimatorOptionsAreOneClearLine() {
        CliRun unknown = run("estimator", "--name", "ede", "--estimator-arg", "alpha=0.3", "--points", "0");
        assertEquals(2, unknown.code());
        assertTrue(unknown.stderr().startsWith("reste: estimator 'ede' has no option 'alpha'; its options: tmax"),
                unknown.stderr());
        CliRun fraction = run("estimator", "--name", "ede", "--epoch-fraction", "1.5", "--points", "0");
        assertEquals(2, fraction.code());
        assertTrue(fraction.stderr().startsWith("reste: --epoch-fraction must be in [0, 1]"), fraction.stderr());

        CliRun train = run("train", "--estimator", "dsq", "--estimator-arg", "alpha=1", "--out", out.toString());
        assertEquals(2, train.code());
        assertTrue(train.stderr().startsWith("reste: estimator_args: dsq: alpha must be in (0, 1), got 1.0"), train.stderr());
        assertEquals(1, train.stderr().strip().lines().count(), train.stderr());
        CliRun name = run("train", "--estimator", "ede", "--estimator-arg", "t_min=0.001", "--out", out.toString());
        assertEquals(2, name.code());
        assertTrue(name.stderr().startsWith("reste: estimator_args: estimator 'ede' has no option 't_min'"), name.stderr());
    }

    @Test
    void benchPrintsMedianMinMaxOfTrainingAndEvaluation() throws Exception {
        CliRun run = run("bench", "--batch", "8", "--steps", "2", "--warmup", "1", "--epoch-fraction", "1", "--json");
        assertEquals(0, run.code(), run.stderr());
        JsonNode json = Json.mapper().readTree(run.stdout());
        assertEquals("1/1", json.get("wa").asText());
        assertEquals(3.0, json.get("schedule_value").asDouble(), 1e-9, "ReSTE's o at the end of training");
        assertEquals(8, json.get("batch").asInt());
        double median = json.get("images_per_s_median").asDouble();
        assertTrue(json.get("images_per_s_min").asDouble() <= median && median <= json.get("images_per_s_max").asDouble());
        double evaluation = json.get("eval_images_per_s_median").asDouble();
        assertTrue(evaluation > 0, "evaluation is timed too");
        assertTrue(json.get("eval_images_per_s_min").asDouble() <= evaluation && evaluation <= json.get("eval_images_per_s_max").asDouble());
        assertTrue(json.get("threads").asInt() >= 1);
    }

    @Test
    void trainsOnTheShippedSampleThenSaysItIsDone() throws Exception {
        String[] args = {"train", "--train-subset", "256", "--test-subset", "100", "--batch", "64", "--epochs", "1",
            "--out", out.toString()};
        CliRun first = run(args);
        assertEquals(0, first.code(), first.stderr());
        assertTrue(first.stdout().contains("finished after 1/1 epochs"), first.stdout());
        assertTrue(first.stdout().contains("CIFAR-10 slice"), first.stdout());
        Path record = Files.list(out.resolve("runs")).findFirst().orElseThrow();
        JsonNode json = Json.mapper().readTree(Files.readString(record));
        assertEquals(1, json.get("epochs_run").asInt());

        CliRun second = run(args);
        assertEquals(0, second.code(), second.stderr());
        assertTrue(second.stdout().contains("already finished"), second.stdout());
    }

    @Test
    void badInputIsOneClearLine() {
        CliRun backbone = run("train", "--backbone", "resnet99", "--out", out.toString());
        assertEquals(2, backbone.code());
        assertTrue(backbone.stderr().startsWith("reste: backbone: unknown backbone 'resnet99'"), backbone.stderr());
        assertEquals(1, backbone.stderr().strip().lines().count(), backbone.stderr());

        CliRun data = run("train", "--data", out.resolve("nowhere").toString(), "--out", out.toString());
        assertEquals(2, data.code());
        assertTrue(data.stderr().contains("nowhere") && data.stderr().contains("does not exist"), data.stderr());
    }

    @Test
    void reproduceRefusesGpuWorkerFlagsThatCannotWorkBeforeReadingConfigs() {
        CliRun local = run("reproduce", "--gpu-type", "nvidia-l4", "--out", out.toString());
        assertEquals(2, local.code());
        assertEquals("reste: --gpuType nvidia-l4 asks Dataflow for GPU workers, so it needs --runner DataflowRunner"
                + " (got DirectRunner); on this machine use --device gpu instead", local.stderr().strip());
        CliRun none = run("reproduce", "--runner", "DataflowRunner", "--gpu-type", "nvidia-l4", "--gpus-per-worker", "0",
                "--out", "gs://bucket/results", "--configs", "no-such-configs");
        assertEquals(2, none.code());
        assertEquals("reste: --gpusPerWorker must be at least 1, got 0", none.stderr().strip());
        CliRun flex = run(FlexTemplateMain.reproduceArgs("r/worker:abc", "--gpuType=nvidia-l4", "--gpusPerWorker=1", "--out=results"));
        assertEquals(2, flex.code());
        assertTrue(flex.stderr().startsWith("reste: --out results: Dataflow workers cannot reach"), flex.stderr());
    }
}
