package org.reste.tasks.train;

import java.util.Map;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.testing.SharedData;

/** Small real data and small specs for training tests. */
final class TrainingFixtures {

    private TrainingFixtures() {}

    /**
     * The first {@code train} / {@code test} CIFAR-10 images of the shared copy; on a clone
     * without it, as many as the shipped slice has (1,000 / 500).
     */
    static DatasetShards cifar(int train, int test) {
        return new Cifar10Binary(SharedData.cifar10(), SharedData.cifarTrain(train), SharedData.cifarTest(test));
    }

    static ExperimentSpec spec(String estimator, int epochs, int batch, double lr) {
        return ExperimentSpec.builder().estimator(estimator).epochs(epochs).batch(batch).testBatch(200).lr(lr)
                .warmupEpochs(0).seed(7).build();
    }
}
