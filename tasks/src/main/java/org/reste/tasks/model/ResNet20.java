package org.reste.tasks.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.reste.tasks.nn.BinaryBasicBlock;
import org.reste.tasks.nn.BinaryConv2d;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.nn.Layers;

/**
 * ResNet-20 for CIFAR (He et al. 2016, §4.2) as the paper's code builds it: a full-precision
 * 3x3 stem, three stages of three basic blocks (16, 32, 64 channels), option-A shortcuts
 * (stride-2 subsampling plus zero channel padding, no parameters), global average pooling,
 * BatchNorm1d and a linear classifier. 269,850 trainable parameters for 10 classes.
 *
 * <p>The binary variants (1/1, 1/32) order each layer conv -> ReLU -> BN, with no activation
 * after the residual sum, so every binarized conv reads a BatchNorm output; the stem is
 * conv -> ReLU -> BN too. The full-precision twin uses the classic conv -> BN -> ReLU blocks
 * with a ReLU after the sum (its stem keeps the official conv -> ReLU -> BN).
 */
public final class ResNet20 {

    private static final int[] WIDTHS = {16, 32, 64};
    private static final int BLOCKS_PER_STAGE = 3;

    private ResNet20() {}

    /** Makes one residual block of a stage; the first block of stages 2 and 3 has stride 2. */
    @FunctionalInterface
    interface BlockMaker {
        Block make(Layers layers, String name, int in, int out, int stride);
    }

    public static Network build(Bits bits, Estimators estimators, int numClasses) {
        return build("resnet20", ResNet20::basicBlock, bits, estimators, numClasses);
    }

    /** The ResNet-20 stem, stages and head around the given blocks (shared with the Bi-Real variant). */
    static Network build(String backbone, BlockMaker blocks, Bits bits, Estimators estimators, int numClasses) {
        Layers layers = new Layers(bits, estimators);
        SequentialBlock net = new SequentialBlock();
        net.add(Layers.realConv(WIDTHS[0], 3, 1, 1)).add(Activation.reluBlock()).add(Layers.batchNorm());
        int in = WIDTHS[0];
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int b = 0; b < BLOCKS_PER_STAGE; b++) {
                int stride = (stage > 0 && b == 0) ? 2 : 1;
                String name = "layer" + (stage + 1) + "." + b;
                net.add(blocks.make(layers, name, in, WIDTHS[stage], stride));
                in = WIDTHS[stage];
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(Layers.batchNorm()).add(Layers.classifier(numClasses, WIDTHS[2]));
        return new Network(backbone, bits, net, layers.binaryConvs(), estimators);
    }

    static Block basicBlock(Layers layers, String name, int in, int out, int stride) {
        Block shortcut = (stride != 1 || in != out) ? Layers.optionAShortcut(out - in) : Blocks.identityBlock();
        Block conv1 = layers.conv(name + ".conv1", in, out, 3, stride, 1);
        Block conv2 = layers.conv(name + ".conv2", out, out, 3, 1, 1);
        if (layers.bits().fullPrecision()) {
            SequentialBlock main = new SequentialBlock()
                    .add(conv1).add(Layers.batchNorm()).add(Activation.reluBlock())
                    .add(conv2).add(Layers.batchNorm());
            return new SequentialBlock().add(Layers.residual(main, shortcut)).add(Activation.reluBlock());
        }
        return BinaryBasicBlock.of((BinaryConv2d) conv1, (BinaryConv2d) conv2, shortcut);
    }
}
