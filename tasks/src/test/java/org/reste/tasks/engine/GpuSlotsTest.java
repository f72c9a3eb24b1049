package org.reste.tasks.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GpuSlotsTest {

    @Test
    void runsSpreadOverTheGpusAndAFreedGpuIsTakenNext() {
        GpuSlots slots = new GpuSlots(3);
        GpuSlots.Slot a = slots.take();
        GpuSlots.Slot b = slots.take();
        GpuSlots.Slot c = slots.take();
        assertEquals(0, a.gpu());
        assertEquals(1, b.gpu());
        assertEquals(2, c.gpu());
        b.close();
        b.close(); // twice is once
        assertEquals(1, slots.take().gpu(), "the GPU the finished run left, not a second run on GPU 0");
        assertEquals(0, slots.take().gpu(), "all busy: the lowest index doubles up");
    }

    @Test
    void noGpuIsOneMessage() {
        assertEquals("no GPU to place runs on (found 0)",
                assertThrows(IllegalArgumentException.class, () -> new GpuSlots(0)).getMessage());
    }
}
