package org.reste.tasks.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the convolutions of one network: binarized where the bit widths say so, plain
 * full-precision convolutions otherwise, and remembers every binarized one by name.
 */
public final class Layers {

    private final Bits bits;
    private final Estimators estimators;
    private final List<NamedConv> binaryConvs = new ArrayList<>();

    public Layers(Bits bits, Estimators estimators) {
        this.bits = bits;
        this.estimators = estimators;
    }

    public Bits bits() {
        return bits;
    }

    public Estimators estimators() {
        return estimators;
    }

    /** The binarized convolutions built so far, in forward order. */
    public List<NamedConv> binaryConvs() {
        return Collections.unmodifiableList(binaryConvs);
    }

    /** A conv that the paper binarizes (every conv but the stem and 1x1 shortcuts). */
    public Block conv(String name, int in, int out, int kernel, int stride, int padding) {
        if (bits.fullPrecision()) {
            return realConv(out, kernel, stride, padding);
        }
        BinaryConv2d conv =
                new BinaryConv2d(
                        in, out, kernel, stride, padding, estimators.weights(), estimators.activations(),
                        estimators.scaleAfterConv());
        binaryConvs.add(new NamedConv(name, conv));
        return conv;
    }

    /** A conv that stays full precision in every variant, without bias, He-normal initialised. */
    public static Block realConv(int out, int kernel, int stride, int padding) {
        Block conv =
                Conv2d.builder()
                        .setFilters(out)
                        .setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(padding, padding))
                        .optBias(false)
                        .build();
        conv.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
        return conv;
    }

    /** torch's BatchNorm default epsilon. */
    public static final float BATCH_NORM_EPSILON = 1e-5f;

    /** BatchNorm over channels (axis 1), torch's defaults: eps 1e-5, momentum 0.1. */
    public static Block batchNorm() {
        return BatchNorm.builder().optAxis(1).optEpsilon(BATCH_NORM_EPSILON).optMomentum(0.9f).build();
    }

    /**
     * The final linear layer: weights He-normal as the official init, bias torch's default
     * U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
     */
    public static Block classifier(int classes, int fanIn) {
        Block linear = Linear.builder().setUnits(classes).build();
        linear.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
        linear.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(fanIn))), Parameter.Type.BIAS);
        return linear;
    }

    /** {@code main(x) + shortcut(x)}. */
    public static Block residual(Block main, Block shortcut) {
        return new ParallelBlock(Layers::sumOfBranches, List.of(main, shortcut));
    }

    /** A residual block's merge: the sum of its two branches' outputs. */
    static NDList sumOfBranches(List<NDList> branches) {
        return new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()));
    }

    /** Option-A shortcut: subsample by 2, pad the channel axis with zeros, half before and half after. */
    public static Block optionAShortcut(int extraChannels) {
        int before = extraChannels / 2;
        int after = extraChannels - before;
        return new LambdaBlock(
                list -> {
                    try (NDArray sub = list.singletonOrThrow().get(":, :, ::2, ::2")) {
                        return new NDList(sub.pad(new Shape(0, 0, 0, 0, before, after), 0));
                    }
                },
                "optionA");
    }
}
