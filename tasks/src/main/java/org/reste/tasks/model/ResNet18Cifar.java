package org.reste.tasks.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.nn.Layers;

/**
 * ResNet-18 for CIFAR as the official {@code models_cifar/resnet18.py} builds it: a
 * full-precision 3x3 stem (64 channels, stride 1, no max-pool) in conv -> ReLU -> BN order, four
 * stages of two basic blocks (64, 128, 256, 512 channels; strides 1, 2, 2, 2), global average
 * pooling (the official {@code avg_pool2d(4)} on the 4x4 map of a 32x32 input), BatchNorm1d(512)
 * and a linear classifier. 11,174,986 trainable parameters for 10 classes.
 *
 * <p>Where the shape changes the shortcut is option B: a full-precision 1x1 conv (with the
 * block's stride) + BN. These three 1x1 convs and the stem stay full precision in every variant
 * and are not in {@link Network#binaryConvs()}: the 1/1 and 1/32 variants have 16 binarized
 * convs ({@code layerS.B.conv1/2}).
 *
 * <p>Binary block: {@code bn1(relu(conv1(x)))}, {@code bn2(relu(conv2(.)))}, plus the shortcut,
 * no activation after the sum. Full-precision twin (the official {@code resnet18}): classic
 * conv -> BN -> ReLU, conv -> BN, plus the shortcut, then ReLU; same stem and head.
 *
 * <p>Init: the official model sets none, so every conv (binarized or not), and the linear
 * layer's weight and bias, get PyTorch's default U(-1/sqrt(fanIn), 1/sqrt(fanIn)); BN 1/0.
 */
public final class ResNet18Cifar {

    private static final int[] WIDTHS = {64, 128, 256, 512};
    private static final int BLOCKS_PER_STAGE = 2;

    private ResNet18Cifar() {}

    public static Network build(Bits bits, Estimators estimators, int numClasses) {
        Layers layers = new Layers(bits, estimators);
        SequentialBlock net = new SequentialBlock();
        net.add(Parts.convReluBn(Init.torchDefault(Layers.realConv(WIDTHS[0], 3, 1, 1))));
        int in = WIDTHS[0];
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int b = 0; b < BLOCKS_PER_STAGE; b++) {
                int stride = (stage > 0 && b == 0) ? 2 : 1;
                net.add(block(layers, "layer" + (stage + 1) + "." + b, in, WIDTHS[stage], stride));
                in = WIDTHS[stage];
            }
        }
        int features = WIDTHS[WIDTHS.length - 1];
        net.add(Pool.globalAvgPool2dBlock())
                .add(Layers.batchNorm())
                .add(Init.torchDefaultLinear(numClasses, features));
        return new Network("resnet18", bits, net, layers.binaryConvs(), estimators);
    }

    private static Block block(Layers layers, String name, int in, int out, int stride) {
        Block shortcut = (stride != 1 || in != out)
                ? Parts.projection(Init.torchDefault(Layers.realConv(out, 1, stride, 0)))
                : Blocks.identityBlock();
        Block conv1 = Init.torchDefault(layers.conv(name + ".conv1", in, out, 3, stride, 1));
        Block conv2 = Init.torchDefault(layers.conv(name + ".conv2", out, out, 3, 1, 1));
        if (layers.bits().fullPrecision()) {
            SequentialBlock main = Parts.convBnRelu(conv1).add(conv2).add(Layers.batchNorm());
            return new SequentialBlock().add(Layers.residual(main, shortcut)).add(Activation.reluBlock());
        }
        SequentialBlock main = Parts.convReluBn(conv1).add(Parts.convReluBn(conv2));
        return Layers.residual(main, shortcut);
    }
}
