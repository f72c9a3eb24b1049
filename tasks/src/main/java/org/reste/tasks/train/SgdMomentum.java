package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.SGD with momentum and (coupled) weight decay, on every trainable parameter:
 *
 * <pre>
 *   d = grad + wd * w;   buf = momentum * buf + d;   w -= lr * buf
 * </pre>
 *
 * DJL's built-in SGD keeps MXNet's form (lr folded into the buffer), which drifts from torch's
 * when the lr changes every epoch; this keeps the paper's. Runs with autograd off, in place.
 */
public final class SgdMomentum {

    private final List<Parameter> parameters;
    private final List<NDArray> buffers;
    private final double momentum;
    private final double weightDecay;

    public SgdMomentum(List<Parameter> parameters, double momentum, double weightDecay, NDManager manager) {
        this.parameters = List.copyOf(parameters);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.buffers = new ArrayList<>();
        for (Parameter parameter : parameters) {
            NDArray w = parameter.getArray();
            buffers.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    /** One update with learning rate {@code lr}; the gradients are zeroed after. */
    public void step(double lr) {
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray buffer = buffers.get(i);
            try (NDArray grad = w.getGradient();
                    NDArray decay = w.mul(weightDecay)) {
                buffer.muli(momentum).addi(grad).addi(decay);
                try (NDArray update = buffer.mul(lr)) {
                    w.subi(update);
                }
                JniUtils.zeroGrad((PtNDArray) w);
            }
        }
    }

    /** The momentum buffers, in parameter order, for checkpoints. */
    public NDList buffers() {
        return new NDList(buffers);
    }

    /** Restores buffers saved by {@link #buffers()}. */
    public void load(NDList saved) {
        if (saved.size() != buffers.size()) {
            throw new IllegalArgumentException(
                    "checkpoint has " + saved.size() + " momentum buffers, the model " + buffers.size());
        }
        for (int i = 0; i < buffers.size(); i++) {
            buffers.get(i).set(saved.get(i).toByteBuffer());
        }
    }
}
