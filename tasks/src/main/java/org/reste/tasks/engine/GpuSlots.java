package org.reste.tasks.engine;

import ai.djl.Device;

/**
 * Which GPU each of the runs training at once in this JVM uses: the one with the fewest runs on
 * it now (ties: the lowest index), so N runs on N GPUs get one each and a run that finishes
 * early frees its GPU for the next run instead of a fixed round robin piling two on one.
 */
public final class GpuSlots {

    private static GpuSlots shared;

    private final int[] runsOn;

    public GpuSlots(int gpus) {
        if (gpus < 1) {
            throw new IllegalArgumentException("no GPU to place runs on (found " + gpus + ")");
        }
        this.runsOn = new int[gpus];
    }

    /** The one placement of this JVM, over the GPUs the engine sees (checked usable once, on first use). */
    public static synchronized GpuSlots shared() {
        if (shared == null) {
            shared = new GpuSlots(EngineSetup.gpuCount());
        }
        return shared;
    }

    /** A GPU for one run, held until the slot is closed. */
    public synchronized Slot take() {
        int least = 0;
        for (int gpu = 1; gpu < runsOn.length; gpu++) {
            if (runsOn[gpu] < runsOn[least]) {
                least = gpu;
            }
        }
        runsOn[least]++;
        return new Slot(least);
    }

    private synchronized void release(int gpu) {
        runsOn[gpu]--;
    }

    /** One run's GPU index; closing it gives the GPU back. */
    public final class Slot implements AutoCloseable {
        private final int gpu;
        private boolean closed;

        private Slot(int gpu) {
            this.gpu = gpu;
        }

        public int gpu() {
            return gpu;
        }

        public Device device() {
            return Device.gpu(gpu);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(gpu);
            }
        }
    }
}
