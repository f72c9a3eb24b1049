package org.reste.tasks.train;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * One epoch as it happened. Accuracies in percent; {@code trainLoss} is null when it was not
 * finite (a diverged epoch); {@code indicators} is null when they were off.
 *
 * @param scheduleValue the estimator's schedule value this epoch (ReSTE's power o, EDE's t, FDA's
 *     n), NaN-free: null if none; records written before it had this name call it {@code o}
 * @param wallSeconds the epoch's wall time: training, evaluation and checkpoint
 * @param rssMb the process's resident memory at the end of the epoch
 */
public record EpochRecord(
        int epoch,
        double lr,
        @JsonAlias("o") Double scheduleValue,
        Double trainLoss,
        double trainTop1,
        double testTop1,
        double testTop5,
        double trainSeconds,
        double wallSeconds,
        double imagesPerS,
        double rssMb,
        IndicatorValues indicators) {}
