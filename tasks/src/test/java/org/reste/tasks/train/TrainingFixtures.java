package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.testing.SharedData;

/** Small real data and small specs for training tests. */
final class TrainingFixtures {

    private TrainingFixtures() {}

    /**
     * The first {@code train} / {@code test} CIFAR-10 images of the shared copy; on a clone
     * without it, as many as the shipped slice has (1,000 / 500).
     */
    static DatasetShards cifar(int train, int test) {
        return new Cifar10Binary(SharedData.cifar10(), SharedData.cifarTrain(train), SharedData.cifarTest(test));
    }

    static ExperimentSpec spec(String estimator, int epochs, int batch, double lr) {
        return ExperimentSpec.builder().estimator(estimator).epochs(epochs).batch(batch).testBatch(200).lr(lr)
                .warmupEpochs(0).seed(7).build();
    }

    /**
     * Trains {@code spec} into {@code store} while "other-host:42" holds its lease there: checks the
     * run is skipped without a record and the first message names the holder; all the messages.
     */
    static List<String> trainLeasedElsewhere(PathRunStore store, ExperimentSpec spec) {
        RunLease.take(store.leaseFile(spec.runId()), "other-host:42", Instant.now()).orElseThrow();
        List<String> messages = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
        RunResult result = RunTrainer.train(spec, cifar(64, 32), store, RunContext.cpu().withListener(listener));
        assertEquals(RunResult.Outcome.HELD_ELSEWHERE, result.outcome());
        assertNull(result.record(), "nothing trained, no record written");
        assertTrue(messages.get(0).startsWith("run " + spec.runId() + " is being trained by other-host:42 (since "),
                messages.toString());
        return messages;
    }
}
