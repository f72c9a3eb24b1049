package org.reste.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.config.ConfigException;
import org.reste.pipelines.config.Profile;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/** Bad input ends in one line naming the file and the field (exit 2), never a silent wrong answer. */
class BadInputTest {

    @TempDir
    Path tmp;

    private static final Path ROOT = Path.of(System.getProperty("reste.root", ".."));

    @Test
    void aKeyGivenTwiceInAConfigIsAnError() throws IOException {
        Path file = tmp.resolve("dup.yaml");
        Files.writeString(file, Files.readString(ROOT.resolve("configs/profiles/smoke.yaml")) + "epochs: 5\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> Profile.load(file));
        long line = Files.readString(file).lines().count();
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": field 'epochs': given twice (first at line "), e.getMessage());
    }

    @Test
    void reportRefusesAMissingRunsFolderAndWritesNothing() {
        CliRun run = CliRun.of("report", "--runs", tmp.resolve("no-such-runs").toString(), "--out", tmp.resolve("tables").toString());
        assertEquals(2, run.code(), run.stdout());
        assertEquals("reste: --runs " + tmp.resolve("no-such-runs") + ": no such folder of run records", run.stderr().strip());
        assertFalse(Files.exists(tmp.resolve("tables")));
    }

    @Test
    void estimatorRefusesNonFinitePointsAndARepeatedArgument() {
        CliRun nan = CliRun.of("estimator", "--name", "reste", "--points", "NaN,Infinity");
        assertEquals(2, nan.code());
        assertTrue(nan.stderr().contains("--points: every point must be a finite number, got NaN"), nan.stderr());
        CliRun twice = CliRun.of("estimator", "--name", "dsq", "--estimator-arg", "alpha=0.2", "--estimator-arg", "alpha=0.3");
        assertEquals(2, twice.code());
        assertTrue(twice.stderr().contains("--estimator-arg alpha given twice"), twice.stderr());
        CliRun once = CliRun.of("estimator", "--name", "dsq", "--estimator-arg", "alpha=0.2", "--json");
        assertEquals(0, once.code(), once.stderr());
        assertTrue(once.stdout().contains("\"alpha\" : 0.2"), once.stdout());
    }

    @Test
    void reproduceIntoAFileAndABenchProfileInAMissingFolderAreRefusedAtOnce() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun reproduce = CliRun.of("reproduce", "--out", file.toString(), "--tables", "3");
        assertEquals(2, reproduce.code(), reproduce.stdout());
        assertEquals("reste: --out " + file + ": is a file, not a folder (runs/, checkpoints/ and tables/ go in it)",
                reproduce.stderr().strip());
        Path trace = tmp.resolve("missing/trace.json");
        CliRun bench = CliRun.of("bench", "--steps", "1", "--profile", trace.toString());
        assertEquals(2, bench.code(), bench.stdout());
        assertEquals("reste: --profile " + trace + ": no such folder " + trace.getParent(), bench.stderr().strip());
    }

    /** A finished record of the smoke profile's spec, written through the real store, then edited as text. */
    private Path record(String edit, String replacement) throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder().epochs(1).batch(64).testBatch(100).warmupEpochs(0).build();
        Path out = tmp.resolve("night");
        new PathRunStore(out).writeRecord(new RunRecord(spec.runId(), RunStatus.FINISHED, spec, 0, 1, 11.7, 12.0, 50.0, 50.0,
                100, 1, "cpu()", 2, "0.35.1", "2.7.1", "17", "abc", "test", null, "2026-01-01T00:00:00Z",
                "2026-01-01T00:01:00Z", List.of()));
        Path file = out.resolve("runs").resolve(spec.runId() + ".json");
        String text = Files.readString(file);
        assertTrue(text.contains(edit), text);
        Files.writeString(file, text.replace(edit, replacement));
        return file;
    }

    private CliRun report() {
        return CliRun.of("report", "--runs", tmp.resolve("night/runs").toString(), "--out", tmp.resolve("tables").toString(),
                "--tables", "3");
    }

    @Test
    void recordsAreCheckedWhenRead() throws IOException {
        String[][] cases = {
            {"\"final_top1\" : 11.7", "\"final_top1\" : \"11.7\"", "field 'final_top1': a percentage is a number, got \"11.7\""},
            {"\"final_top1\" : 11.7", "\"final_top1\" : 1234.5", "field 'final_top1': a percentage is in [0, 100], got 1234.5"},
            {"\"final_top1\" : 11.7", "\"final_top1\" : null", "field 'final_top1': null on a finished run"},
            {"\"epochs_run\" : 0", "\"epochs_run\" : 1", "field 'epochs': lists 0 epochs but epochs_run is 1"},
            {"\"seed\" : 0", "\"seed\" : 5", "field 'spec': hashes to run id "},
            {"\"spec\" : {", "\"spek\" : {", "field 'spec': missing"},
            {"\"final_top1\" : 11.7", "\"final_top1\" : 11.7,\n  \"final_top1\" : 50.0", "unreadable run record: Duplicate field 'final_top1'"},
        };
        for (String[] c : cases) {
            Path file = record(c[0], c[1]);
            CliRun run = report();
            assertEquals(2, run.code(), c[1] + ": " + run.stdout());
            assertTrue(run.stderr().startsWith("reste: " + file + ": " + c[2]), c[1] + " -> " + run.stderr());
            // resume and skip read through the same check
            IllegalStateException resumed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new PathRunStore(tmp.resolve("night")).readRecord(file.getFileName().toString().replace(".json", "")));
            assertTrue(resumed.getMessage().startsWith(file + ": " + c[2]), resumed.getMessage());
        }
        Path file = record("\"final_top1\" : 11.7", "\"final_top1\" : 11.7");
        assertEquals(0, report().code(), "the unedited record reads");
        assertTrue(Json.read(Files.readString(file), RunRecord.class).finalTop1() == 11.7);
    }
}
