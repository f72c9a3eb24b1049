package org.reste.tasks.estimator;

/** What a binarized layer applies an estimator to; a few estimators treat the two differently. */
public enum Role {
    WEIGHTS,
    ACTIVATIONS
}
