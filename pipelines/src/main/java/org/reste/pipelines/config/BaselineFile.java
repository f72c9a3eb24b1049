package org.reste.pipelines.config;

import java.util.List;

/** A baseline file (configs/baselines/*.yaml) as written; {@link Baseline#load} checks it. */
record BaselineFile(String profile, String table, Double defaultTolerance, Double kStd, List<Row> rows) {

    /** One blessed row as written (see {@link Baseline.Row}). */
    record Row(String rowId, String backbone, String wa, String estimator, String dataset, Integer epochs,
            List<Integer> seeds, Double top1, Double std, Double tolerance, String commit, String date,
            List<String> records) {}
}
