package org.reste.tasks.estimator;

/**
 * The knobs an experiment may set on its estimator. Each estimator reads the ones it knows.
 *
 * @param oEnd ReSTE's final power o (3 in the paper)
 * @param t ReSTE's clip threshold (1.5)
 * @param m ReSTE's small interval (0.1)
 */
public record EstimatorOptions(double oEnd, double t, double m) {

    public static EstimatorOptions defaults() {
        return new EstimatorOptions(3.0, ReSTE.DEFAULT_T, ReSTE.DEFAULT_M);
    }

    public EstimatorOptions withOEnd(double value) {
        return new EstimatorOptions(value, t, m);
    }
}
