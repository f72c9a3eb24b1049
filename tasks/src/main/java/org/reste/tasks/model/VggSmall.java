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
 * VGG-small for CIFAR (Zhang et al. 2018, LQ-Nets) as the official {@code vgg_small_1w1a}: six
 * 3x3 convs (pad 1, no bias) with 128, 128, 256, 256, 512, 512 channels, a 2x2 max-pool after
 * the second, fourth and sixth, then the 512x4x4 map flattened into one linear layer. No
 * BatchNorm1d, no dropout. 4,660,106 trainable parameters for 10 classes; needs a 32x32 input.
 *
 * <p>{@code conv0} (3 -> 128) stays full precision; {@code conv1..conv5} are binarized in the
 * 1/1 and 1/32 variants (5 binarized convs, named as the official module attributes). Every
 * layer of the binary variant is conv -> ReLU -> BN, and the max-pool follows the BN.
 *
 * <p>Full-precision twin: the official {@code vgg_small} cannot be built (its constructor's
 * {@code super(vgg_small, self)} names the factory function, not the class), so ours is its
 * evident intent, the same six convs, pools and classifier with full-precision convs, in the
 * order its {@code forward} writes: conv -> BN -> ReLU for all six (conv0 included), max-pool after
 * the ReLU.
 *
 * <p>Init (both variants, as the official {@code _initialize_weights}): conv weights
 * N(0, sqrt(2 / (9 * out channels))), linear weight N(0, 0.01) and bias 0, BN 1/0.
 */
public final class VggSmall {

    private static final int[] WIDTHS = {128, 128, 256, 256, 512, 512};

    private VggSmall() {}

    public static Network build(Bits bits, Estimators estimators, int numClasses) {
        Layers layers = new Layers(bits, estimators);
        boolean real = bits.fullPrecision();
        SequentialBlock net = new SequentialBlock();
        int in = 3;
        for (int i = 0; i < WIDTHS.length; i++) {
            Block conv = Init.heNormalFanOut(i == 0
                    ? Layers.realConv(WIDTHS[i], 3, 1, 1)
                    : layers.conv("conv" + i, in, WIDTHS[i], 3, 1, 1));
            net.add(real ? Parts.convBnRelu(conv) : Parts.convReluBn(conv));
            if (i % 2 == 1) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
            in = WIDTHS[i];
        }
        net.add(Blocks.batchFlattenBlock()).add(Init.normalLinear(numClasses, 0.01f));
        return new Network("vgg_small", bits, net, layers.binaryConvs(), estimators);
    }
}
