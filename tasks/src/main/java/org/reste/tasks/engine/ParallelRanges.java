package org.reste.tasks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Splits {@code [0, size)} between as many threads as libtorch uses in the calling thread (its
 * intra-op threads, which a run that shares the cores with others has fewer of), for the Java
 * kernels: the caller runs the first range itself, the common pool the others.
 */
public final class ParallelRanges {

    /** Work on the indices {@code [from, to)}; called from several threads on disjoint ranges. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private ParallelRanges() {}

    /**
     * Runs {@code range} over {@code [0, size)} in pieces that start at multiples of
     * {@code alignment}, no thread taking fewer than {@code minPerThread} indices.
     */
    public static void run(int size, int alignment, int minPerThread, String what, Range range) {
        int threads = Math.min(EngineSetup.threadsInThisThread(), Math.max(1, size / minPerThread));
        if (threads <= 1) {
            range.run(0, size);
            return;
        }
        int chunk = roundUp(ceilDiv(size, threads), alignment);
        List<Future<?>> helpers = new ArrayList<>();
        for (int from = chunk; from < size; from += chunk) {
            int start = from;
            int end = Math.min(size, from + chunk);
            helpers.add(ForkJoinPool.commonPool().submit(() -> range.run(start, end)));
        }
        range.run(0, Math.min(size, chunk));
        for (Future<?> helper : helpers) {
            try {
                helper.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in " + what, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(what + " failed", e.getCause());
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int multiple) {
        return ceilDiv(a, multiple) * multiple;
    }
}
