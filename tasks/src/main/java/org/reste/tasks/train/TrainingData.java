package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.reste.tasks.data.BatchAugmenter;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.model.Network;

/**
 * Where a run's batches come from: a split held on the device (CIFAR-10, Fashion-MNIST) or
 * images streamed from class folders (ImageNet). The trainer's loop is the same for both.
 */
public interface TrainingData extends AutoCloseable {

    /** Both splits held on the device, as the trainer holds CIFAR-10 and Fashion-MNIST. */
    static TrainingData inMemory(ImageSet train, ImageSet test, NDManager manager) {
        return new InMemoryData(train, test, manager);
    }

    int numClasses();

    /** Channels, height, width of one training image. */
    long[] imageShape();

    /** The training batches of one epoch, augmented and normalised. */
    Epoch epoch(int epoch, int batch, Random random);

    /** Top-1/top-5 on the evaluation split, the network in inference mode. */
    Accuracy evaluate(Network network, int batch, ParameterStore parameterStore, NDManager manager);

    @Override
    void close();

    /** One epoch's batches in order; each is made on the manager it is given. */
    interface Epoch extends AutoCloseable {
        int steps();

        /** Images the whole epoch delivers. */
        int images();

        /** The next batch: float images, int64 labels, and how many images it holds. */
        Batch next(NDManager manager);

        @Override
        void close();
    }

    /**
     * A batch ready for a training step. {@code rows} (the training images it holds) and
     * {@code draws} (their crops and flips) are known for data held in memory, null when streamed.
     */
    record Batch(NDArray images, NDArray labels, int count, int[] rows, BatchAugmenter.Draws draws) {}
}
