package org.reste.tasks.data.streaming;

import java.util.Random;

/** The order in which an epoch visits the training images. */
public final class EpochOrder {

    private EpochOrder() {}

    /** The stream that shuffles and augments epoch {@code epoch} of a run with seed {@code seed}. */
    public static Random random(long seed, int epoch) {
        return new Random(seed * 1_000_003L + epoch);
    }

    /** Fisher-Yates from the run's per-epoch stream, so a resumed run repeats the same order. */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
