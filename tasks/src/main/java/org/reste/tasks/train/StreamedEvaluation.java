package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Iterator;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.data.streaming.ImageBatch;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.model.Network;

/**
 * {@link DeviceEvaluation}'s top-1 and top-5 accuracy for a split that streams from files in batches
 * (an {@link org.reste.tasks.data.streaming.ImageBatchLoader} over ImageNet's validation folder) instead of
 * sitting on the device. Each batch goes up as uint8, is normalised there and is forgotten at the
 * end of its step; the counts are the same as {@link DeviceEvaluation}'s on the same images.
 */
public final class StreamedEvaluation {

    private StreamedEvaluation() {}

    /**
     * Percent correct at top-1 and top-5 (top-k with k = min(5, classes)) over every batch left
     * in {@code batches}, the network in inference mode.
     *
     * @throws IllegalArgumentException if {@code batches} holds no image
     */
    public static Accuracy evaluate(
            Network network,
            Iterator<ImageBatch> batches,
            Normalization normalization,
            ParameterStore parameterStore,
            NDManager manager) {
        Accuracy.Tally tally = new Accuracy.Tally();
        while (batches.hasNext()) {
            ImageBatch batch = batches.next();
            try (StepScope scope = StepScope.open(manager, network.block())) {
                ImageBatch.Tensors tensors = batch.toDevice(scope.manager());
                NDArray input = normalization.apply(tensors.pixels());
                NDArray logits = network.block().forward(parameterStore, new NDList(input), false).singletonOrThrow();
                tally.add(logits, tensors.labels());
            }
        }
        return tally.accuracy();
    }
}
