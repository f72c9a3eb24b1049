package org.reste.tasks.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reste.tasks.testing.SharedData;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.nn.Bits;

/** The benchmark runs its steps where asked in the schedule, with and without training to that point first. */
class ThroughputBenchmarkTest {

    private static ImageSet sample() {
        return new Cifar10Binary(SharedData.root().resolve("data/cifar10-sample/cifar-10-batches-bin"), 64, 16).train();
    }

    @Test
    void timesTheStepsAtTheEndOfTheScheduleAfterTrainingThere() {
        ThroughputBenchmark.Result r = ThroughputBenchmark.run(
                "resnet20", Bits.parse("1/1"), "reste", 16, 2, 1, EngineSetup.device("cpu"), sample(), 1.0, null, 3);
        assertEquals(3.0, r.scheduleValue(), 1e-9, "ReSTE's o at the end of the schedule");
        assertEquals(2, r.stepSeconds().length);
        assertTrue(r.imagesPerSMedian() > 0 && Double.isFinite(r.imagesPerSMedian()), "images/s " + r.imagesPerSMedian());
        assertTrue(r.evalImagesPerSMedian() > 0, "evaluation images/s " + r.evalImagesPerSMedian());
    }

    @Test
    void withoutPretrainingItStartsFreshAtThePoint() {
        ThroughputBenchmark.Result r = ThroughputBenchmark.run(
                "resnet20", Bits.parse("1/1"), "reste", 16, 2, 0, EngineSetup.device("cpu"), sample(), 0.0, null, 0);
        assertEquals(1.0, r.scheduleValue(), 1e-9);
        assertTrue(r.imagesPerSMin() <= r.imagesPerSMedian() && r.imagesPerSMedian() <= r.imagesPerSMax());
    }
}
