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
                    spec = new ExperimentSpec(run.backbone(), run.wa(), run.estimator(), run.oEnd(), 1.5, 0.1,
                            run.estimatorArgs(), dataset, budget.trainSubset(), budget.testSubset(), budget.epochs(),
                            budget.batch(), budget.testBatch(), budget.lr(), 0.9, 1e-4, budget.warmupEpochs(), seed,
                            run.indicators());
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
