package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.reste.tasks.data.BatchAugmenter;
import org.reste.tasks.data.DeviceImages;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.model.Network;

/** Top-1 and top-5 accuracy (percent) of a network in inference mode over a whole split. */
public final class DeviceEvaluation {

    private DeviceEvaluation() {}

    public static Accuracy evaluate(
            Network network,
            DeviceImages split,
            int batchSize,
            BatchAugmenter transform,
            ParameterStore parameterStore,
            NDManager manager) {
        Accuracy.Tally tally = new Accuracy.Tally();
        for (int start = 0; start < split.size(); start += batchSize) {
            int end = Math.min(split.size(), start + batchSize);
            try (StepScope scope = StepScope.open(manager, network.block())) {
                NDManager m = scope.manager();
                NDArray indices = m.arange(start, end, 1, ai.djl.ndarray.types.DataType.INT64)
                        .toDevice(manager.getDevice(), false);
                NDArray images = transform.plain(split.pixels(indices));
                NDArray labels = split.labels(indices);
                NDArray logits = network.block().forward(parameterStore, new NDList(images), false).singletonOrThrow();
                tally.add(logits, labels);
            }
        }
        return tally.accuracy();
    }
}
