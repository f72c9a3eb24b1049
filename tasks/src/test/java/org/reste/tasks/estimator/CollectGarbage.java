package org.reste.tasks.estimator;

/** A full collection, and time for the cleaner to free the direct buffers it found unreachable. */
final class CollectGarbage {

    private CollectGarbage() {}

    static void now() {
        System.gc();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
