package org.reste.tasks.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.FusedBinaryBlock;

/**
 * The binary basic block of the official binary ResNets, with a shortcut around two binarized
 * convs, each conv -> ReLU -> BN and nothing after the sum:
 *
 * <pre>
 *   y = bn2(relu(conv2(bn1(relu(conv1(x)))))) + shortcut(x)
 * </pre>
 *
 * Built as {@link Layers#residual} builds any residual block (the same children, parameters and
 * checkpoint layout); in evaluation on the CPU its main branch runs as one fused pass per image
 * on bits ({@link FusedBinaryBlock}) instead of eight libtorch ops, where both convs binarize
 * their inputs. Training, GPUs and everything the fused path does not take run op by op.
 * {@code -Dreste.xnorConv=false} turns the fused path off with the bit convolution.
 */
public final class BinaryBasicBlock extends ParallelBlock {

    private final BinaryConv2d conv1;
    private final Block bn1;
    private final BinaryConv2d conv2;
    private final Block bn2;
    private final Block shortcut;

    private BinaryBasicBlock(BinaryConv2d conv1, Block bn1, BinaryConv2d conv2, Block bn2, Block shortcut) {
        super(Layers::sumOfBranches, List.of(
                new SequentialBlock().add(conv1).add(Activation.reluBlock()).add(bn1)
                        .add(conv2).add(Activation.reluBlock()).add(bn2),
                shortcut));
        this.conv1 = conv1;
        this.bn1 = bn1;
        this.conv2 = conv2;
        this.bn2 = bn2;
        this.shortcut = shortcut;
    }

    /** The block around two binarized convs and a shortcut branch (identity, option A or a projection). */
    public static BinaryBasicBlock of(BinaryConv2d conv1, BinaryConv2d conv2, Block shortcut) {
        return new BinaryBasicBlock(conv1, Layers.batchNorm(), conv2, Layers.batchNorm(), shortcut);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training && !Autograd.isRecording()) {
            NDArray fused = fusedEvaluation(parameterStore, inputs.singletonOrThrow(), params);
            if (fused != null) {
                return new NDList(fused);
            }
        }
        return super.forwardInternal(parameterStore, inputs, training, params);
    }

    /** The block's output in one fused pass, or null where it does not apply. */
    NDArray fusedEvaluation(ParameterStore store, NDArray x, PairList<String, Object> params) {
        if (!Device.cpu().equals(x.getDevice())) {
            return null;
        }
        FusedBinaryBlock.Stage first = conv1.evaluationStage(store, x.getDevice(), bn1);
        FusedBinaryBlock.Stage second = first == null ? null : conv2.evaluationStage(store, x.getDevice(), bn2);
        if (second == null) {
            return null;
        }
        NDArray added = shortcut.forward(store, new NDList(x), false, params).singletonOrThrow();
        try {
            return FusedBinaryBlock.evaluate(x, added, first, second);
        } finally {
            if (added != x) { // the identity shortcut hands back x itself, which is the caller's
                added.close();
            }
        }
    }
}
