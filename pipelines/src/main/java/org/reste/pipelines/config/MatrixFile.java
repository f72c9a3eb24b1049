package org.reste.pipelines.config;

import java.util.List;
import java.util.Map;

/**
 * An experiment matrix file (configs/experiments/*.yaml) as written; {@link ExperimentMatrix#load}
 * checks and expands it. A single value stands for a one-item list ("wa: 1/1").
 */
record MatrixFile(String table, String title, String dataset, String paperRows, List<Block> matrix) {

    /** One block of the matrix: the cross product of its lists, with the settings they share. */
    record Block(List<String> backbone, List<String> wa, List<String> estimator, List<Double> oEnd, Double t, Double m,
            Boolean indicators, Map<String, Double> estimatorArgs) {}
}
