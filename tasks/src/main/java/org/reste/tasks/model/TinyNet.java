package org.reste.tasks.model;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.nn.Layers;

/**
 * Not a paper backbone: the smallest network with every part a run touches (a full-precision
 * stem, one binarized conv {@code conv1} that the estimator and both indicators see, BatchNorm,
 * a global pool, the classifier), for tests of plumbing (pipelines, records, tables, resume)
 * that must not spend minutes on ResNet-20. Any input size works (the pool is global).
 */
public final class TinyNet {

    private static final int WIDTH = 8;

    private TinyNet() {}

    public static Network build(Bits bits, Estimators estimators, int numClasses) {
        Layers layers = new Layers(bits, estimators);
        SequentialBlock net = new SequentialBlock()
                .add(Layers.realConv(WIDTH, 3, 2, 1)).add(Activation.reluBlock()).add(Layers.batchNorm())
                .add(layers.conv("conv1", WIDTH, WIDTH, 3, 2, 1)).add(Layers.batchNorm())
                .add(Pool.globalAvgPool2dBlock()).add(Layers.classifier(numClasses, WIDTH));
        return new Network("tiny", bits, net, layers.binaryConvs(), estimators);
    }
}
