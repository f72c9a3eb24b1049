package org.reste.tasks.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the operations of one forward for its backward, in the calling thread only, so that
 * several runs can train at once in one JVM, each in its own thread. libtorch's grad mode is per
 * thread; DJL's {@code PtGradientCollector} makes the same JNI calls but refuses a second
 * collector anywhere in the JVM (a static flag), which would serialise every run of a job. The
 * project records gradients only through this class.
 *
 * <pre>
 *   try (GradientRecording recording = GradientRecording.start()) {
 *       NDArray loss = ...;            // forward, recorded
 *       recording.backward(loss);      // gradients land on the parameters
 *   }
 * </pre>
 */
public final class GradientRecording implements AutoCloseable {

    private final boolean wasRecording;

    private GradientRecording() {
        wasRecording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Starts recording in this thread; close to restore the thread's previous mode. */
    public static GradientRecording start() {
        return new GradientRecording();
    }

    /** Backward from a scalar {@code target} (seed gradient 1), as autograd's {@code loss.backward()}. */
    public void backward(NDArray target) {
        try (NDArray seed = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) seed, false, false);
        }
    }

    @Override
    public void close() {
        JniUtils.setGradMode(wasRecording);
    }
}
