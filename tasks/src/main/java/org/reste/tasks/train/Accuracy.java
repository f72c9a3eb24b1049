package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Percent correct at top-1 and top-5 over a split (top-k with k = min(5, classes)). */
public record Accuracy(double top1, double top5) {

    /** Counts top-1 and top-k hits batch by batch; the one place both evaluators rank logits. */
    static final class Tally {
        private long images;
        private long correct1;
        private long correct5;

        /** Adds a batch: {@code logits} (batch, classes) against int64 {@code labels} (batch). */
        void add(NDArray logits, NDArray labels) {
            int k = (int) Math.min(5, logits.getShape().get(1));
            NDArray ranked = logits.argSort(1, false).get(new NDIndex(":, :{}", k));
            NDArray hits = ranked.eq(labels.reshape(-1, 1));
            correct1 += hits.get(new NDIndex(":, 0")).sum().getLong();
            // Top-k indices are distinct, so a row holds its label at most once.
            correct5 += hits.sum().getLong();
            images += logits.getShape().get(0);
        }

        long images() {
            return images;
        }

        Accuracy accuracy() {
            if (images == 0) {
                throw new IllegalArgumentException("no images to evaluate");
            }
            return new Accuracy(100.0 * correct1 / images, 100.0 * correct5 / images);
        }
    }
}
