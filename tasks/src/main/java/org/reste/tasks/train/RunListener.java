package org.reste.tasks.train;

/** Hears how a run goes; the command line draws a progress bar from it, a pipeline logs it. */
public interface RunListener {

    /** After each optimizer step. {@code loss} is the step's mean loss. */
    default void onStep(int epoch, int epochs, int step, int steps, double imagesPerS, double loss, double etaSeconds) {}

    /** After each evaluated epoch. */
    default void onEpoch(RunRecord progress, EpochRecord epoch) {}

    /** A line worth telling the user (resumed, skipped, diverged ...). */
    default void onMessage(String message) {}

    RunListener SILENT = new RunListener() {};
}
