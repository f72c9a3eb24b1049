package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.testing.SharedData;

/** Real DJL training on a slice of real CIFAR-10. */
class RunTrainerTest {

    @TempDir
    Path out;

    @Test
    void reSteLearnsCifarSliceWellAboveChance() throws Exception {
        DatasetShards data = TrainingFixtures.cifar(2000, 1000);
        // The shipped slice (a clone without the shared copy) has half the images: twice the epochs.
        int epochs = SharedData.hasFullCifar10() ? 4 : 8;
        ExperimentSpec spec = TrainingFixtures.spec("reste", epochs, 64, 0.1).withIndicators(true);
        PathRunStore store = new PathRunStore(out);
        RunResult result = RunTrainer.train(spec, data, store, RunContext.cpu());

        RunRecord record = result.record();
        assertEquals(RunStatus.FINISHED, record.status());
        assertEquals(epochs, record.epochsRun());
        // Chance is 10%; a binary ResNet-20 that learns clears 20% on this slice.
        assertTrue(record.bestTop1() > 20.0, "best top-1 " + record.bestTop1());
        EpochRecord last = record.epochs().get(epochs - 1);
        assertTrue(last.trainLoss() < record.epochs().get(0).trainLoss(), "loss falls");
        assertEquals(1.0, record.epochs().get(0).scheduleValue(), 0.0);
        assertTrue(last.scheduleValue() > 1.0);
        IndicatorValues indicators = last.indicators();
        assertEquals(18, indicators.estimatingErrorPerLayer().size());
        assertTrue(indicators.estimatingError() > 0 && indicators.gradientInstability() > 0);

        JsonNode json = Json.mapper().readTree(Files.readString(Path.of(store.recordLocation(spec.runId()))));
        for (String key : List.of("run_id", "status", "epochs_run", "final_top1", "best_top1", "final_top5",
                "images_per_s", "epochs", "device", "djl_version", "pytorch_version", "spec")) {
            assertTrue(json.has(key), "record has " + key);
        }
        assertEquals("finished", json.get("status").asText());
        assertFalse(Files.exists(out.resolve("checkpoints").resolve(spec.runId() + ".ckpt")), "checkpoint removed");

        RunResult again = RunTrainer.train(spec, data, store, RunContext.cpu());
        assertEquals(RunResult.Outcome.ALREADY_DONE, again.outcome());
    }

    @Test
    void interruptedRunResumesToOneCompleteRecord() {
        DatasetShards data = TrainingFixtures.cifar(300, 100);
        ExperimentSpec spec = TrainingFixtures.spec("ste", 3, 64, 0.05);
        PathRunStore store = new PathRunStore(out);
        RunListener killAfterFirstEpoch = killAfterFirstEpoch();
        assertThrows(Interrupted.class,
                () -> RunTrainer.train(spec, data, store, RunContext.cpu().withListener(killAfterFirstEpoch)));
        assertTrue(Files.exists(out.resolve("checkpoints").resolve(spec.runId() + ".ckpt")));
        assertEquals(1, store.readRecord(spec.runId()).orElseThrow().epochsRun());

        RunResult resumed = RunTrainer.train(spec, data, store, RunContext.cpu());
        assertEquals(RunResult.Outcome.RESUMED, resumed.outcome());
        RunRecord record = resumed.record();
        assertEquals(RunStatus.FINISHED, record.status());
        assertEquals(3, record.epochsRun());
        assertEquals(List.of(1, 2, 3), record.epochs().stream().map(EpochRecord::epoch).toList());
        assertNotNull(record.finalTop1());
    }

    @Test
    void aDamagedCheckpointIsNamedWithTheWayOut() throws Exception {
        DatasetShards data = TrainingFixtures.cifar(128, 64);
        ExperimentSpec spec = TrainingFixtures.spec("ste", 2, 64, 0.05);
        PathRunStore store = new PathRunStore(out);
        RunListener killAfterFirstEpoch = killAfterFirstEpoch();
        assertThrows(Interrupted.class,
                () -> RunTrainer.train(spec, data, store, RunContext.cpu().withListener(killAfterFirstEpoch)));
        Path checkpoint = out.resolve("checkpoints").resolve(spec.runId() + ".ckpt");
        byte[] whole = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, java.util.Arrays.copyOf(whole, whole.length / 2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RunTrainer.train(spec, data, store, RunContext.cpu()));
        assertTrue(e.getMessage().startsWith(store.checkpointLocation(spec.runId()) + ": truncated or corrupt checkpoint ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("delete it to train the run again from epoch 1"), e.getMessage());
        Files.delete(checkpoint);
        assertEquals(RunStatus.FINISHED, RunTrainer.train(spec, data, store, RunContext.cpu()).record().status(),
                "the way out works");
    }

    /** Stops a run at the end of its first epoch, as a kill would (its checkpoint and record written). */
    private static RunListener killAfterFirstEpoch() {
        return new RunListener() {
            @Override
            public void onEpoch(RunRecord progress, EpochRecord epoch) {
                throw new Interrupted();
            }
        };
    }

    @Test
    void nanLossEndsTheRunAsDiverged() {
        DatasetShards data = TrainingFixtures.cifar(256, 64);
        ExperimentSpec spec = TrainingFixtures.spec("ste", 2, 64, 1e30);
        PathRunStore store = new PathRunStore(out);
        RunRecord record = RunTrainer.train(spec, data, store, RunContext.cpu()).record();
        assertEquals(RunStatus.DIVERGED, record.status());
        assertTrue(record.message().contains("loss became"), record.message());
        assertEquals(RunResult.Outcome.ALREADY_DONE, RunTrainer.train(spec, data, store, RunContext.cpu()).outcome());
    }

    /** Stands in for a kill between epochs. */
    static final class Interrupted extends RuntimeException {}
}
