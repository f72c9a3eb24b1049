package org.reste.pipelines.config;

import java.io.Serializable;

/**
 * One run the DAG will make sure exists: which table it belongs to and its spec as JSON (the
 * form that travels between Beam workers; pipelines never holds tensors).
 */
public record PlannedRun(String table, String runId, String specJson, boolean dataAvailable) implements Serializable {}
