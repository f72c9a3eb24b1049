package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressivePowerTest {

    @Test
    void startsAtOneEndsAtOEndAndRisesMonotonically() {
        ProgressivePower schedule = new ProgressivePower(3);
        assertEquals(1.0, schedule.at(0, 100), 0.0);
        assertEquals(3.0, schedule.at(100, 100), 1e-12);
        // Halfway: 1 + (1 - cos(pi/4)) * 2
        assertEquals(1 + (1 - Math.cos(Math.PI / 4)) * 2, schedule.at(50, 100), 1e-12);
        double previous = 0;
        for (int e = 0; e <= 100; e++) {
            double o = schedule.at(e, 100);
            assertTrue(o >= previous);
            previous = o;
        }
    }

    @Test
    void refusesPowersBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ProgressivePower(0.5));
    }
}
