package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.reste.tasks.data.BatchAugmenter;
import org.reste.tasks.data.DeviceImages;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.streaming.EpochOrder;
import org.reste.tasks.model.Network;

/**
 * Both splits uploaded once to the device; each step gathers its batch there and augments it
 * in one go (random crop, flip, normalise). A final batch of one image is dropped, since
 * BatchNorm cannot train on it.
 */
final class InMemoryData implements TrainingData {

    private final DeviceImages train;
    private final DeviceImages test;
    private final ImageSet trainSet;
    private final BatchAugmenter augmenter = BatchAugmenter.paper();

    InMemoryData(ImageSet trainSet, ImageSet testSet, NDManager manager) {
        this.trainSet = trainSet;
        this.train = DeviceImages.upload(trainSet, manager);
        this.test = DeviceImages.upload(testSet, manager);
    }

    @Override
    public int numClasses() {
        return trainSet.numClasses();
    }

    @Override
    public long[] imageShape() {
        return new long[] {trainSet.channels(), trainSet.height(), trainSet.width()};
    }

    @Override
    public Epoch epoch(int epoch, int batch, Random random) {
        int n = train.size();
        int usable = (n % batch == 1) ? n - 1 : n;
        int[] order = EpochOrder.permutation(n, random);
        int steps = (usable + batch - 1) / batch;
        return new Epoch() {
            private int step;

            @Override
            public int steps() {
                return steps;
            }

            @Override
            public int images() {
                return usable;
            }

            @Override
            public Batch next(NDManager manager) {
                int from = step * batch;
                int to = Math.min(usable, from + batch);
                step++;
                int[] rows = new int[to - from];
                long[] longRows = new long[to - from];
                for (int i = from; i < to; i++) {
                    rows[i - from] = order[i];
                    longRows[i - from] = order[i];
                }
                NDArray indices = manager.create(longRows).toDevice(manager.getDevice(), false);
                BatchAugmenter.Draws draws = augmenter.draw(rows.length, random);
                NDArray images = augmenter.augment(train.pixels(indices), draws);
                return new Batch(images, train.labels(indices), to - from, rows, draws);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Accuracy evaluate(Network network, int batch, ParameterStore parameterStore, NDManager manager) {
        return DeviceEvaluation.evaluate(network, test, batch, augmenter, parameterStore, manager);
    }

    @Override
    public void close() {
        train.close();
        test.close();
    }
}
