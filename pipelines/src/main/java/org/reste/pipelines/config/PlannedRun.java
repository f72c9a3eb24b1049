package org.reste.pipelines.config;

import java.io.Serializable;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;

/**
 * One run the DAG will make sure exists: which table it belongs to, its spec as JSON (the form
 * that travels between Beam workers; pipelines never holds tensors), and the table row it is one
 * seed of.
 *
 * @param rowId the spec's id over its seeds ({@code ExperimentSpec.seedlessId}): runs with equal
 *     row ids are one table row
 */
public record PlannedRun(String table, String runId, String specJson, boolean dataAvailable, String rowId, long seed)
        implements Serializable {

    /** The spec itself, read from its JSON (the one place that does). */
    public ExperimentSpec spec() {
        return Json.read(specJson, ExperimentSpec.class);
    }
}
