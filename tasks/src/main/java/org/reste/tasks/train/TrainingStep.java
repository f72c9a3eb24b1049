package org.reste.tasks.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import org.reste.tasks.model.Network;

/**
 * One optimizer step, the same for training and for the benchmark: forward in training mode,
 * softmax cross-entropy, backward, the indicators (if on), SGD. The caller owns the step's
 * memory ({@link org.reste.tasks.engine.StepScope}).
 */
public final class TrainingStep {

    private final Network network;
    private final SgdMomentum optimizer;
    private final Indicators indicators;
    private final ParameterStore parameterStore;
    private final SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss("cross_entropy");

    /** {@code indicators} may be null (off). */
    public TrainingStep(Network network, SgdMomentum optimizer, Indicators indicators, ParameterStore parameterStore) {
        this.network = network;
        this.optimizer = optimizer;
        this.indicators = indicators;
        this.parameterStore = parameterStore;
    }

    /** What one step reports back: its mean loss and how many of the batch it got right. */
    public record Outcome(float loss, long correct) {}

    public Outcome run(NDArray images, NDArray labels, double lr) {
        NDArray logits;
        NDArray value;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            logits = network.block().forward(parameterStore, new NDList(images), true).singletonOrThrow();
            value = loss.evaluate(new NDList(labels), new NDList(logits));
            collector.backward(value);
        }
        float lossValue = value.getFloat();
        long correct;
        try (NDArray predicted = logits.argMax(1);
                NDArray hits = predicted.eq(labels)) {
            correct = hits.sum().getLong();
        }
        if (indicators != null && Float.isFinite(lossValue)) {
            indicators.accumulate();
        }
        optimizer.step(lr);
        return new Outcome(lossValue, correct);
    }
}
