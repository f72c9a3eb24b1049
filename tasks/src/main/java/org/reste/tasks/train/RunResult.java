package org.reste.tasks.train;

/** What {@link RunTrainer#train} did: the run's record and whether it trained now. */
public record RunResult(RunRecord record, Outcome outcome) {

    /** How this call relates to the run's history. */
    public enum Outcome {
        /** Trained from scratch. */
        TRAINED,
        /** Continued from a checkpoint. */
        RESUMED,
        /** A final record already existed: nothing was trained. */
        ALREADY_DONE,
        /** Another live process holds the run's lease: nothing was trained (the record, if any, is its progress). */
        HELD_ELSEWHERE
    }
}
