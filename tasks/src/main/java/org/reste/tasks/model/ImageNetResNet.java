package org.reste.tasks.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.nn.Layers;

/**
 * ImageNet ResNet-18 and ResNet-34 in the Bi-Real layout of the official
 * {@code models_imagenet/resnet18.py} and {@code resnet34.py} (used for 1W/1A and 1W/32A):
 *
 * <ul>
 *   <li>stem: full-precision 7x7 conv 3 -> 64, stride 2, pad 3, then ReLU, BN (that order), then
 *       3x3 max-pool, stride 2, pad 1;
 *   <li>four stages of 64, 128, 256, 512 channels (2-2-2-2 or 3-4-6-3 blocks; strides 1, 2, 2, 2)
 *       of Bi-Real blocks ({@link Parts#biRealBlock}): a shortcut around each binarized 3x3 conv,
 *       conv -> ReLU -> BN, no activation after a sum;
 *   <li>downsampling shortcut (first block of stages 2-4, around its first conv only): a
 *       full-precision 1x1 conv with the block's stride, then BN. It is not binarized and not in
 *       {@link Network#binaryConvs()} (16 binarized convs for ResNet-18, 32 for ResNet-34);
 *   <li>head: global average pooling, BatchNorm1d(512), linear.
 * </ul>
 *
 * 11,690,536 (ResNet-18) and 21,798,696 (ResNet-34) trainable parameters for 1000 classes:
 * torchvision's counts plus the 1,024 of the BatchNorm1d.
 *
 * <p>Two points where this follows the official code rather than the Bi-Real paper or its
 * own listing: (1) the Bi-Real paper downsamples with avg-pool 2x2 + 1x1 conv (stride 1) + BN,
 * but the official ReSTE code uses a stride-2 1x1 conv + BN with no avg-pool; we follow the
 * official code (both have the same parameters, so the counts cannot tell them apart). (2) The
 * official head is {@code AvgPool2d(7, stride 1)}, which is global pooling for a 224x224 input
 * only; ours pools globally, so the nets also run on smaller inputs (e.g. 64x64 in tests) and are
 * identical at 224x224.
 *
 * <p>Full-precision twin: the official {@code resnet18} (ImageNet) is the same class with
 * full-precision 3x3 convs, i.e. the same Bi-Real topology and conv -> ReLU -> BN order; ours is
 * that, for ResNet-34 too (the official code has no full-precision ResNet-34).
 *
 * <p>Init (official): He normal over fan-in ({@code kaiming_normal_}) for every conv, binarized,
 * stem and shortcut alike ({@link Layers}' default); the linear layer keeps PyTorch's default
 * U(-1/sqrt(512), 1/sqrt(512)) for weight and bias; BN 1/0.
 */
public final class ImageNetResNet {

    private static final int[] WIDTHS = {64, 128, 256, 512};

    private ImageNetResNet() {}

    public static Network resnet18(Bits bits, Estimators estimators, int numClasses) {
        return build("resnet18_imagenet", new int[] {2, 2, 2, 2}, bits, estimators, numClasses);
    }

    public static Network resnet34(Bits bits, Estimators estimators, int numClasses) {
        return build("resnet34_imagenet", new int[] {3, 4, 6, 3}, bits, estimators, numClasses);
    }

    private static Network build(String backbone, int[] blocksPerStage, Bits bits, Estimators estimators,
            int numClasses) {
        Layers layers = new Layers(bits, estimators);
        SequentialBlock net = new SequentialBlock();
        net.add(Parts.convReluBn(Layers.realConv(WIDTHS[0], 7, 2, 3)))
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int in = WIDTHS[0];
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int b = 0; b < blocksPerStage[stage]; b++) {
                int out = WIDTHS[stage];
                int stride = (stage > 0 && b == 0) ? 2 : 1;
                Block shortcut = (stride != 1 || in != out)
                        ? Parts.projection(Layers.realConv(out, 1, stride, 0))
                        : Blocks.identityBlock();
                net.add(Parts.biRealBlock(layers, "layer" + (stage + 1) + "." + b, in, out, stride, shortcut));
                in = out;
            }
        }
        int features = WIDTHS[WIDTHS.length - 1];
        net.add(Pool.globalAvgPool2dBlock())
                .add(Layers.batchNorm())
                .add(Init.torchDefaultLinear(numClasses, features));
        return new Network(backbone, bits, net, layers.binaryConvs(), estimators);
    }
}
