package org.reste.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.train.Json;

/** The command line in-process: real commands, their printed output and exit codes. */
class CliTest {

    @TempDir
    Path out;

    /** Runs the CLI, returning exit code and everything it printed. */
    private record Run(int code, String stdout, String stderr) {}

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = ResteCli.execute(args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void estimatorPrintsRealGradientsAsJson() throws Exception {
        Run run = run("estimator", "--name", "reste", "--o", "3", "--points", "-2,-0.05,0.5", "--json");
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
    void benchPrintsMedianMinMax() throws Exception {
        Run run = run("bench", "--batch", "8", "--steps", "2", "--warmup", "1", "--json");
        assertEquals(0, run.code(), run.stderr());
        JsonNode json = Json.mapper().readTree(run.stdout());
        assertEquals("1/1", json.get("wa").asText());
        assertEquals(8, json.get("batch").asInt());
        double median = json.get("images_per_s_median").asDouble();
        assertTrue(json.get("images_per_s_min").asDouble() <= median && median <= json.get("images_per_s_max").asDouble());
        assertTrue(json.get("threads").asInt() >= 1);
    }

    @Test
    void trainsOnTheShippedSampleThenSaysItIsDone() throws Exception {
        String[] args = {"train", "--train-subset", "256", "--test-subset", "100", "--batch", "64", "--epochs", "1",
            "--out", out.toString()};
        Run first = run(args);
        assertEquals(0, first.code(), first.stderr());
        assertTrue(first.stdout().contains("finished after 1/1 epochs"), first.stdout());
        assertTrue(first.stdout().contains("CIFAR-10 slice"), first.stdout());
        Path record = Files.list(out.resolve("runs")).findFirst().orElseThrow();
        JsonNode json = Json.mapper().readTree(Files.readString(record));
        assertEquals(1, json.get("epochs_run").asInt());

        Run second = run(args);
        assertEquals(0, second.code(), second.stderr());
        assertTrue(second.stdout().contains("already finished"), second.stdout());
    }

    @Test
    void badInputIsOneClearLine() {
        Run backbone = run("train", "--backbone", "resnet99", "--out", out.toString());
        assertEquals(2, backbone.code());
        assertTrue(backbone.stderr().startsWith("reste: backbone: unknown backbone 'resnet99'"), backbone.stderr());
        assertEquals(1, backbone.stderr().strip().lines().count(), backbone.stderr());

        Run data = run("train", "--data", out.resolve("nowhere").toString(), "--out", out.toString());
        assertEquals(2, data.code());
        assertTrue(data.stderr().contains("nowhere") && data.stderr().contains("does not exist"), data.stderr());
    }
}
