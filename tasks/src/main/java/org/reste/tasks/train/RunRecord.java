package org.reste.tasks.train;

import java.util.List;

/**
 * The JSON record of one run: what it was (spec, run id), how far it got, what it scored, and
 * what produced the numbers (device, threads, library versions, commit). Accuracies in percent;
 * the final/best fields are null until an epoch has been evaluated.
 */
public record RunRecord(
        String runId,
        RunStatus status,
        ExperimentSpec spec,
        int epochsRun,
        int epochsPlanned,
        Double finalTop1,
        Double bestTop1,
        Double finalTop5,
        Double bestTop5,
        double imagesPerS,
        double wallTimeS,
        String device,
        int threads,
        String djlVersion,
        String pytorchVersion,
        String javaVersion,
        String commit,
        String data,
        String message,
        String startedAt,
        String updatedAt,
        List<EpochRecord> epochs) {

    public RunRecord {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }
}
