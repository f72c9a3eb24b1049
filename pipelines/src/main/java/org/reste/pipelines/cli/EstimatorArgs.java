package org.reste.pipelines.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The repeatable {@code --estimator-arg NAME=VALUE} of train and estimator: a name given twice is an error, not "the last wins". */
final class EstimatorArgs {

    private EstimatorArgs() {}

    static Map<String, Double> parse(List<String> given) {
        Map<String, Double> args = new TreeMap<>();
        if (given == null) {
            return args;
        }
        for (String item : given) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--estimator-arg " + item + ": expected NAME=VALUE");
            }
            String name = item.substring(0, eq).strip();
            double value;
            try {
                value = Double.parseDouble(item.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--estimator-arg " + item + ": the value is not a number");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("--estimator-arg " + item + ": the value must be finite");
            }
            if (args.put(name, value) != null) {
                throw new IllegalArgumentException("--estimator-arg " + name + " given twice");
            }
        }
        return args;
    }
}
