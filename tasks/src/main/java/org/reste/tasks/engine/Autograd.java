package org.reste.tasks.engine;

import ai.djl.pytorch.jni.JniUtils;

/** What DJL's API does not say: whether libtorch is recording operations for a backward. */
public final class Autograd {

    private Autograd() {}

    /**
     * True inside a {@link ai.djl.training.GradientCollector}. DJL's {@code hasGradient()} is no
     * substitute: it answers false for intermediate tensors (activations) that do carry a graph.
     */
    public static boolean isRecording() {
        return JniUtils.isGradMode();
    }
}
