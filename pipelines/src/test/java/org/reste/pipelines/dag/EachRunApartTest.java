package org.reste.pipelines.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.reste.pipelines.config.PlannedRun;

/**
 * On the DirectRunner with 2 runs at once, every planned run is read before the first trains,
 * and the runs go two at a time to the end. Each "training" waits (at most 10 s) for a second
 * one to be running beside it: with the Reshuffle this replaced, the last two of 12 were read
 * only after the others had trained and then took turns on one thread, so they waited alone.
 */
class EachRunApartTest {

    private static final int RUNS = 12;
    private static final AtomicInteger PLANNED = new AtomicInteger();
    private static final AtomicInteger PLANNED_AT_FIRST_TRAINING = new AtomicInteger(-1);
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger TRAINED_ALONE = new AtomicInteger();
    private static final AtomicInteger TRAINED = new AtomicInteger();

    @Test
    void everyRunIsPlannedFirstAndTheRunsGoTwoAtATime() {
        DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
        options.setRunner(DirectRunner.class);
        options.setTargetParallelism(2);
        Pipeline pipeline = Pipeline.create(options);
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(new PlannedRun("t", "run-" + i, "{}", true, "row", i));
        }
        pipeline.apply(Create.of(runs).withCoder(SerializableCoder.of(PlannedRun.class)))
                .apply("Plan", ParDo.of(new CountPlanned()))
                .setCoder(SerializableCoder.of(PlannedRun.class))
                .apply(new EachRunApart())
                .apply("Train", ParDo.of(new WaitForAPartner()));
        pipeline.run().waitUntilFinish();
        assertEquals(RUNS, TRAINED.get());
        assertEquals(RUNS, PLANNED_AT_FIRST_TRAINING.get(), "runs planned when the first began training");
        assertEquals(0, TRAINED_ALONE.get(), "runs that found no second run training beside them");
    }

    static final class CountPlanned extends DoFn<PlannedRun, PlannedRun> {
        @ProcessElement
        public void process(@Element PlannedRun run, OutputReceiver<PlannedRun> out) {
            PLANNED.incrementAndGet();
            out.output(run);
        }
    }

    static final class WaitForAPartner extends DoFn<PlannedRun, String> {
        @ProcessElement
        public void process(@Element PlannedRun run) throws InterruptedException {
            PLANNED_AT_FIRST_TRAINING.compareAndSet(-1, PLANNED.get());
            RUNNING.incrementAndGet();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean partnered = false;
            while (!partnered && System.nanoTime() < deadline) {
                partnered = RUNNING.get() >= 2;
                Thread.sleep(5);
            }
            // Stay a moment so that the partner, which may have just arrived, sees this one too.
            Thread.sleep(50);
            RUNNING.decrementAndGet();
            if (!partnered) {
                TRAINED_ALONE.incrementAndGet();
            }
            TRAINED.incrementAndGet();
        }
    }
}
