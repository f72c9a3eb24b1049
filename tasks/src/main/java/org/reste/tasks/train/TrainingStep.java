package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import org.reste.tasks.engine.GradientRecording;
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

    /** One forward and backward: the logits (on the step's manager), the mean loss and the hits. */
    public record Pass(NDArray logits, float loss, long correct) {}

    public Outcome run(NDArray images, NDArray labels, double lr) {
        Pass pass = forwardBackward(images, labels);
        if (indicators != null && Float.isFinite(pass.loss())) {
            indicators.accumulate();
        }
        update(lr);
        return new Outcome(pass.loss(), pass.correct());
    }

    /**
     * The first half of {@link #run}: forward in training mode, loss, backward. The gradients
     * are left on the parameters for {@link #update} (the parity trace reads them in between).
     */
    public Pass forwardBackward(NDArray images, NDArray labels) {
        NDArray logits;
        NDArray value;
        try (GradientRecording collector = GradientRecording.start()) {
            logits = network.block().forward(parameterStore, new NDList(images), true).singletonOrThrow();
            value = loss.evaluate(new NDList(labels), new NDList(logits));
            collector.backward(value);
        }
        // The parity harness trains in float64 too.
        float lossValue = value.getDataType() == DataType.FLOAT64 ? (float) value.getDouble() : value.getFloat();
        long correct;
        try (NDArray predicted = logits.argMax(1);
                NDArray hits = predicted.eq(labels)) {
            correct = hits.sum().getLong();
        }
        return new Pass(logits, lossValue, correct);
    }

    /** The second half of {@link #run}: the SGD update at {@code lr}, gradients zeroed after. */
    public void update(double lr) {
        optimizer.step(lr);
    }
}
