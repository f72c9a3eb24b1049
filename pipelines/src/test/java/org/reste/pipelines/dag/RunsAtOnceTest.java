package org.reste.pipelines.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunsAtOnceTest {

    @Test
    void twoOnTheCpuOnePerGpu() {
        assertEquals(2, RunsAtOnce.automatic("cpu", 2, () -> { throw new AssertionError("no GPU asked on the CPU"); }));
        assertEquals(2, RunsAtOnce.automatic("cpu", 16, () -> 0));
        assertEquals(1, RunsAtOnce.automatic("cpu", 1, () -> 0), "one core: one run");
        assertEquals(8, RunsAtOnce.automatic("gpu", 2, () -> 8));
        assertEquals(1, RunsAtOnce.automatic("GPU", 64, () -> 1));
    }
}
