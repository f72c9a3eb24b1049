package org.reste.tasks.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * The weight initialisations the official models use, where they differ from the He-normal
 * (fan-in) default that {@link org.reste.tasks.nn.Layers} gives every conv. Each method sets the
 * initializer on the block it is handed (binarized or not) and returns it.
 */
final class Init {

    private Init() {}

    /**
     * PyTorch's default for {@code nn.Conv2d} and {@code nn.Linear} weights,
     * {@code kaiming_uniform_(a = sqrt(5))}, which is U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with fanIn
     * = in channels x kernel area.
     */
    static Block torchDefault(Block convOrLinear) {
        convOrLinear.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
                Parameter.Type.WEIGHT);
        return convOrLinear;
    }

    /** He normal over fan-out: N(0, sqrt(2 / (kernel area x out channels))) (VGG-small's convs). */
    static Block heNormalFanOut(Block conv) {
        conv.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2),
                Parameter.Type.WEIGHT);
        return conv;
    }

    /** A linear layer with PyTorch's default init: weight and bias U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    static Block torchDefaultLinear(int units, int fanIn) {
        Block linear = torchDefault(Linear.builder().setUnits(units).build());
        linear.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(fanIn))), Parameter.Type.BIAS);
        return linear;
    }

    /** A linear layer with weight N(0, sigma) and bias 0 (VGG-small's classifier). */
    static Block normalLinear(int units, float sigma) {
        Block linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(new NormalInitializer(sigma), Parameter.Type.WEIGHT);
        linear.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return linear;
    }
}
