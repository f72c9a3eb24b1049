package org.reste.tasks.model;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.nn.Layers;

/**
 * ResNet-20 with Bi-Real shortcuts (Liu et al. 2018) for CIFAR, as the official
 * {@code resnet20_bireal_1w1a}: the {@link ResNet20} stem, stages and head, but every block has a
 * shortcut around each of its two binarized convs ({@link Parts#biRealBlock}); the first one is
 * option A where the shape changes, the second the identity. 269,850 trainable parameters for
 * 10 classes, the same as ResNet-20 (shortcuts add none). Init as ResNet-20: He normal for
 * convs and the classifier weight.
 *
 * <p>Full-precision twin (32/32): the official file's {@code resnet20()} builds its classic
 * basic block (conv -> BN -> ReLU, one shortcut per block, ReLU after the sum), so ours is the
 * same network as {@code resnet20} at 32/32, under this backbone's name.
 */
public final class ResNet20BiReal {

    private ResNet20BiReal() {}

    public static Network build(Bits bits, Estimators estimators, int numClasses) {
        ResNet20.BlockMaker blocks = bits.fullPrecision() ? ResNet20::basicBlock : ResNet20BiReal::block;
        return ResNet20.build("resnet20_bireal", blocks, bits, estimators, numClasses);
    }

    static Block block(Layers layers, String name, int in, int out, int stride) {
        Block shortcut = (stride != 1 || in != out) ? Layers.optionAShortcut(out - in) : Blocks.identityBlock();
        return Parts.biRealBlock(layers, name, in, out, stride, shortcut);
    }
}
