package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import org.reste.tasks.data.BatchAugmenter;
import org.reste.tasks.data.DeviceImages;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.model.Network;

/** Top-1 and top-5 accuracy (percent) of a network in inference mode over a whole split. */
public final class Evaluator {

    private Evaluator() {}

    /** Percent correct at top-1 and top-5. */
    public record Accuracy(double top1, double top5) {}

    public static Accuracy evaluate(
            Network network,
            DeviceImages split,
            int batchSize,
            BatchAugmenter transform,
            ParameterStore parameterStore,
            NDManager manager) {
        long correct1 = 0;
        long correct5 = 0;
        int k = (int) Math.min(5, split.numClasses());
        for (int start = 0; start < split.size(); start += batchSize) {
            int end = Math.min(split.size(), start + batchSize);
            try (StepScope scope = StepScope.open(manager, network.block())) {
                NDManager m = scope.manager();
                NDArray indices = m.arange(start, end, 1, ai.djl.ndarray.types.DataType.INT64)
                        .toDevice(manager.getDevice(), false);
                NDArray images = transform.plain(split.pixels(indices));
                NDArray labels = split.labels(indices);
                NDArray logits = network.block().forward(parameterStore, new NDList(images), false).singletonOrThrow();
                NDArray ranked = logits.argSort(1, false).get(new NDIndex(":, :{}", k));
                NDArray hits = ranked.eq(labels.reshape(-1, 1));
                correct1 += hits.get(new NDIndex(":, 0")).sum().getLong();
                // Top-k indices are distinct, so a row holds its label at most once.
                correct5 += hits.sum().getLong();
            }
        }
        return new Accuracy(100.0 * correct1 / split.size(), 100.0 * correct5 / split.size());
    }
}
