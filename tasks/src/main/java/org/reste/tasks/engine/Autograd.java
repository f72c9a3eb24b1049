package org.reste.tasks.engine;

import ai.djl.pytorch.jni.JniUtils;

/** What DJL's API does not say: whether libtorch is recording operations for a backward. */
public final class Autograd {

    private Autograd() {}

    /**
     * True inside a {@link GradientRecording}. DJL's {@code hasGradient()} is no
     * substitute: it answers false for intermediate tensors (activations) that do carry a graph.
     */
    public static boolean isRecording() {
        return JniUtils.isGradMode();
    }

    /**
     * Turns recording off in the calling thread. libtorch's grad mode is per thread and starts
     * on; DJL turns it off only in the thread that loaded the engine, so a worker thread (a Beam
     * DoFn, say) must do it before evaluating or updating weights in place.
     */
    public static void stopRecordingInThisThread() {
        JniUtils.setGradMode(false);
    }
}
