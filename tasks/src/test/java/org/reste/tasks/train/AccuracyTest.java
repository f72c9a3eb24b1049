package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.reste.tasks.engine.EngineSetup;

/** Top-1 and top-5 where they differ: seven classes, labels ranked 1st, 3rd, 5th, 6th and 7th. */
class AccuracyTest {

    @Test
    void countsTopOneAndTopFiveAcrossBatches() {
        EngineSetup.configure();
        try (NDManager manager = NDManager.newBaseManager()) {
            Accuracy.Tally tally = new Accuracy.Tally();
            // Each row ranks class 6 first, then 5, 4, ..., 0 last.
            float[] row = {0, 1, 2, 3, 4, 5, 6};
            tally.add(manager.create(new float[][] {row, row}), manager.create(new long[] {6, 4})); // 1st, 3rd
            tally.add(manager.create(new float[][] {row, row, row}), manager.create(new long[] {2, 1, 0})); // 5th, 6th, 7th
            assertEquals(5, tally.images());
            Accuracy accuracy = tally.accuracy();
            assertEquals(20.0, accuracy.top1(), 1e-9);
            assertEquals(60.0, accuracy.top5(), 1e-9);
        }
    }

    @Test
    void nothingCountedIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new Accuracy.Tally().accuracy());
    }
}
