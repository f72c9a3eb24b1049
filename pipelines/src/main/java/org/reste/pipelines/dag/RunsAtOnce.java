package org.reste.pipelines.dag;

import java.util.function.IntSupplier;

/**
 * How many runs the DirectRunner trains at once when {@code --parallelism} is left at 0.
 *
 * <p>CPU: two, each on half the cores. Measured on this project's 2-core machine
 * (results/bench/parallel-2026-12-03.log, 3 interleaved rounds of the 4 nightly-cpu runs): two at
 * once with 1 thread each took 0.887x the wall time of one at a time with 2 threads (about 13%
 * more images/s) for 5.1 GiB peak memory against 3.0. More than two is not measured. GPU: one run
 * per visible GPU ({@code GpuSlots} places them); several small runs sharing one GPU are not
 * measured here (no GPU lent), so none share until a measurement says they should.
 */
public final class RunsAtOnce {

    private RunsAtOnce() {}

    public static int automatic(String device, int cores, IntSupplier gpus) {
        if (device.equalsIgnoreCase("gpu")) {
            return gpus.getAsInt();
        }
        return Math.max(1, Math.min(2, cores));
    }
}
