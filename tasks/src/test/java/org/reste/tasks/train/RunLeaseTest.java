package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run: a held lease skips the run with the holder named; a stale one is broken. */
class RunLeaseTest {

    @TempDir
    Path tmp;

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aSecondTakerIsRefusedUntilTheFirstReleases() {
        Path file = tmp.resolve("leases/run.lease");
        Optional<RunLease> first = RunLease.take(file, "host-a:1", T0);
        assertTrue(first.isPresent());
        assertTrue(RunLease.take(file, "host-b:2", T0.plusSeconds(60)).isEmpty(), "held and fresh");
        assertEquals("host-a:1", RunLease.heldBy(file).orElseThrow().holder());
        first.get().renew(T0.plusSeconds(240));
        assertTrue(RunLease.take(file, "host-b:2", T0.plus(RunLease.STALE_AFTER).plusSeconds(60)).isEmpty(),
                "renewed at +4 min: still fresh at stale + 1 min");
        first.get().close();
        assertFalse(Files.exists(file));
        assertTrue(RunLease.take(file, "host-b:2", T0.plusSeconds(300)).isPresent(), "free again");
    }

    @Test
    void aLeaseNotRenewedForTenRenewalsIsBrokenAndTaken() throws IOException {
        Path file = tmp.resolve("leases/run.lease");
        RunLease.take(file, "dead-host:9", T0).orElseThrow(); // never renewed, never closed: killed
        assertTrue(RunLease.take(file, "host-b:2", T0.plus(RunLease.STALE_AFTER).minusSeconds(1)).isEmpty());
        Optional<RunLease> taken = RunLease.take(file, "host-b:2", T0.plus(RunLease.STALE_AFTER).plusSeconds(1));
        assertTrue(taken.isPresent(), "stale: broken and taken");
        assertEquals("host-b:2", RunLease.heldBy(file).orElseThrow().holder());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "nothing of the broken lease left");
        }
        Files.writeString(file, "holder=cut sh"); // a lease a kill cut mid-write is as good as stale
        assertTrue(RunLease.take(file, "host-c:3", T0).isPresent());
    }

    @Test
    void aHolderWhoseLeaseWasBrokenLearnsItAndLeavesTheNewOneAlone() {
        Path file = tmp.resolve("leases/run.lease");
        RunLease paused = RunLease.take(file, "paused-host:7", T0).orElseThrow();
        RunLease.take(file, "host-b:2", T0.plus(RunLease.STALE_AFTER).plusSeconds(1)).orElseThrow();
        assertFalse(paused.renew(T0.plus(RunLease.STALE_AFTER).plusSeconds(2)));
        paused.close();
        assertEquals("host-b:2", RunLease.heldBy(file).orElseThrow().holder());
    }

    @Test
    void aRunLeasedByAnotherProcessIsSkippedWithTheHolderNamed() {
        PathRunStore store = new PathRunStore(tmp);
        ExperimentSpec spec = TrainingFixtures.spec("ste", 1, 32, 0.05);
        TrainingFixtures.trainLeasedElsewhere(store, spec);
        assertFalse(Files.exists(tmp.resolve("runs").resolve(spec.runId() + ".json")));
    }

    @Test
    void twoWorkersOnOneFolderSplitTheRunsInsteadOfTrainingEachTwice() throws Exception {
        PathRunStore store = new PathRunStore(tmp);
        List<ExperimentSpec> specs = List.of(TrainingFixtures.spec("ste", 1, 32, 0.05), TrainingFixtures.spec("reste", 1, 32, 0.05),
                TrainingFixtures.spec("ste", 1, 32, 0.02), TrainingFixtures.spec("reste", 1, 32, 0.02));
        var data = TrainingFixtures.cifar(64, 32);
        java.util.concurrent.Callable<List<RunResult.Outcome>> worker = () -> {
            List<RunResult.Outcome> outcomes = new ArrayList<>();
            for (ExperimentSpec spec : specs) { // both in the same order: the worst case for doubling
                outcomes.add(RunTrainer.train(spec, data, store, RunContext.cpu().withThreads(1)).outcome());
            }
            return outcomes;
        };
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(worker);
            var b = pool.submit(worker);
            List<RunResult.Outcome> all = new ArrayList<>(a.get());
            all.addAll(b.get());
            assertEquals(specs.size(), all.stream().filter(o -> o == RunResult.Outcome.TRAINED).count(),
                    "every run trained exactly once: " + all);
        } finally {
            pool.shutdownNow();
        }
        for (ExperimentSpec spec : specs) {
            assertEquals(RunStatus.FINISHED, store.readRecord(spec.runId()).orElseThrow().status());
            assertFalse(Files.exists(store.leaseFile(spec.runId())));
        }
    }

    @Test
    void aTrainedRunLeavesNoLease() {
        PathRunStore store = new PathRunStore(tmp);
        ExperimentSpec spec = TrainingFixtures.spec("ste", 1, 32, 0.05);
        assertEquals(RunStatus.FINISHED, RunTrainer.train(spec, TrainingFixtures.cifar(64, 32), store, RunContext.cpu())
                .record().status());
        assertFalse(Files.exists(store.leaseFile(spec.runId())));
    }
}
