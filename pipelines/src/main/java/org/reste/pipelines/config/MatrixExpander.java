package org.reste.pipelines.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;

/**
 * Matrix x profile -> specs. Every spec is validated here, in the driver, so a bad backbone or
 * estimator name stops the job with the config's file, line and field before any training.
 */
public final class MatrixExpander {

    private MatrixExpander() {}

    /** @param datasetsWithData the datasets the job has data for; runs on others are planned but marked */
    public static List<PlannedRun> expand(ExperimentMatrix matrix, Profile profile, Set<String> datasetsWithData) {
        List<PlannedRun> planned = new ArrayList<>();
        String dataset = profile.datasetFor(matrix);
        for (ExperimentMatrix.Run run : matrix.runs()) {
            Profile.Budget budget = profile.budgetFor(run.backbone());
            for (long seed : profile.seeds()) {
                ExperimentSpec spec;
                try {
                    spec = ExperimentSpec.builder()
                            .backbone(run.backbone()).wa(run.wa())
                            .estimator(run.estimator()).oEnd(run.oEnd()).t(run.t()).m(run.m()).estimatorArgs(run.estimatorArgs())
                            .dataset(dataset).trainSubset(budget.trainSubset()).testSubset(budget.testSubset())
                            .epochs(budget.epochs()).batch(budget.batch()).testBatch(budget.testBatch()).lr(budget.lr())
                            .momentum(budget.momentum()).weightDecay(budget.weightDecay()).warmupEpochs(budget.warmupEpochs())
                            .seed(seed).indicators(run.indicators())
                            .build();
                } catch (IllegalArgumentException e) {
                    String message = e.getMessage();
                    int colon = message.indexOf(": ");
                    String field = colon > 0 ? message.substring(0, colon) : null;
                    throw new ConfigException(matrix.file(), run.line(), field,
                            colon > 0 ? message.substring(colon + 2) : message);
                }
                planned.add(new PlannedRun(matrix.table(), spec.runId(), Json.canonical(spec),
                        datasetsWithData.contains(dataset), spec.seedlessId(), seed));
            }
        }
        return planned;
    }
}
