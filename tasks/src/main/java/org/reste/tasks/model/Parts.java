package org.reste.tasks.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import org.reste.tasks.nn.Layers;

/** Small pieces the backbones share. */
final class Parts {

    private Parts() {}

    /** conv -> ReLU -> BN, the order the official binary models use around every binarized conv. */
    static SequentialBlock convReluBn(Block conv) {
        return new SequentialBlock().add(conv).add(Activation.reluBlock()).add(Layers.batchNorm());
    }

    /** conv -> BN -> ReLU, the classic order of the full-precision twins. */
    static SequentialBlock convBnRelu(Block conv) {
        return new SequentialBlock().add(conv).add(Layers.batchNorm()).add(Activation.reluBlock());
    }

    /** A full-precision 1x1 conv + BN (option-B shortcut / downsample); never binarized. */
    static SequentialBlock projection(Block conv1x1) {
        return new SequentialBlock().add(conv1x1).add(Layers.batchNorm());
    }

    /**
     * Bi-Real basic block (Liu et al. 2018): a shortcut around each of its two 3x3 convs, each
     * conv in conv -> ReLU -> BN order, no activation after either sum:
     *
     * <pre>
     *   y = bn1(relu(conv1(x))) + shortcut(x)
     *   z = bn2(relu(conv2(y))) + y
     * </pre>
     *
     * The convs come from {@code layers}, so they are binarized (and registered by name as
     * {@code name.conv1}, {@code name.conv2}) unless the bit widths are 32/32.
     */
    static Block biRealBlock(Layers layers, String name, int in, int out, int stride, Block shortcut) {
        Block first = Layers.residual(convReluBn(layers.conv(name + ".conv1", in, out, 3, stride, 1)), shortcut);
        Block second = Layers.residual(convReluBn(layers.conv(name + ".conv2", out, out, 3, 1, 1)), Blocks.identityBlock());
        return new SequentialBlock().add(first).add(second);
    }
}
