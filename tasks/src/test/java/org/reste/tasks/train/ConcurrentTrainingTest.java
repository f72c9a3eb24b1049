package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetShards;

/**
 * Several runs in one JVM at once, each in its own thread with one intra-op thread: the records
 * equal those of the same runs trained one after the other with one thread each (same losses
 * and accuracies to the bit), and a run that diverges beside another leaves it alone.
 */
class ConcurrentTrainingTest {

    @TempDir
    Path tmp;

    private static final DatasetShards DATA = TrainingFixtures.cifar(192, 100);

    private static RunRecord train(ExperimentSpec spec, Path out) {
        return RunTrainer.train(spec, DATA, new PathRunStore(out), RunContext.cpu().withThreads(1)).record();
    }

    private static List<RunRecord> together(List<ExperimentSpec> specs, Path out) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(specs.size());
        try {
            List<Future<RunRecord>> futures = specs.stream().map(spec -> pool.submit(() -> train(spec, out))).toList();
            List<RunRecord> records = new java.util.ArrayList<>();
            for (Future<RunRecord> future : futures) {
                records.add(future.get());
            }
            return records;
        } finally {
            pool.shutdown();
        }
    }

    /** What a record computed, without its times. */
    private static List<Object> numbers(RunRecord r) {
        List<Object> numbers = new java.util.ArrayList<>(List.of(r.status(), r.epochsRun(), r.finalTop1(), r.bestTop1()));
        for (EpochRecord e : r.epochs()) {
            numbers.addAll(java.util.Arrays.asList(e.trainLoss(), e.trainTop1(), e.testTop1(), e.testTop5(), e.lr(), e.scheduleValue()));
        }
        return numbers;
    }

    @Test
    void twoRunsTrainedAtOnceEqualTheSameRunsTrainedInTurn() throws Exception {
        List<ExperimentSpec> specs = List.of(TrainingFixtures.spec("reste", 2, 32, 0.1),
                TrainingFixtures.spec("ste", 2, 32, 0.1).withSeed(11));
        List<RunRecord> inTurn = specs.stream().map(spec -> train(spec, tmp.resolve("in-turn"))).toList();
        List<RunRecord> atOnce = together(specs, tmp.resolve("at-once"));
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(RunStatus.FINISHED, atOnce.get(i).status());
            assertEquals(1, atOnce.get(i).threads(), "each run on one intra-op thread of its own");
            assertEquals(numbers(inTurn.get(i)), numbers(atOnce.get(i)), specs.get(i).runId());
        }
    }

    @Test
    void aRunThatDivergesBesideAnotherLeavesItAlone() throws Exception {
        ExperimentSpec healthy = TrainingFixtures.spec("reste", 2, 32, 0.1);
        ExperimentSpec wild = TrainingFixtures.spec("ste", 2, 32, 1e6);
        RunRecord alone = train(healthy, tmp.resolve("alone"));
        List<RunRecord> atOnce = together(List.of(healthy, wild), tmp.resolve("at-once"));
        assertEquals(RunStatus.DIVERGED, atOnce.get(1).status(), "lr 1e6 diverges");
        assertEquals(numbers(alone), numbers(atOnce.get(0)));
        assertTrue(atOnce.get(0).bestTop1() > 0);
    }
}
