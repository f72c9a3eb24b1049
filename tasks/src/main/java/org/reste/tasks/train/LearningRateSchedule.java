package org.reste.tasks.train;

/**
 * The paper's learning rate per epoch: an optional linear warm-up, {@code lr * (e+1)/W} for the
 * first W epochs, then cosine annealing to 0 over all E epochs,
 * {@code lr * (1 + cos(pi * e/E)) / 2} (torch's CosineAnnealingLR with T_max = E stepped per
 * epoch).
 */
public record LearningRateSchedule(double baseLr, int totalEpochs, int warmupEpochs) {

    public double at(int epoch) {
        if (epoch < warmupEpochs) {
            return baseLr * (epoch + 1) / warmupEpochs;
        }
        return baseLr * (1 + Math.cos(Math.PI * epoch / totalEpochs)) / 2;
    }
}
