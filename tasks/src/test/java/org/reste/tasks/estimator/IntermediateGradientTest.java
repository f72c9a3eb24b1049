package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GradientRecording;

/** Activations are intermediate tensors, not leaves: the estimator must carry their gradient too. */
class IntermediateGradientTest {

    @Test
    void gradientFlowsThroughAnIntermediateTensor() {
        EngineSetup.configure();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-1f, -0.2f, 0.02f, 0.3f, 0.9f});
            x.setRequiresGradient(true);
            try (GradientRecording collector = GradientRecording.start()) {
                NDArray y = x.mul(2);
                NDArray out = ReSTE.fixed(1.0).binarize(y);
                collector.backward(out.sum());
            }
            // G = 1 where |2x| <= 1.5, times dy/dx = 2.
            assertArrayEquals(new float[] {0f, 2f, 2f, 2f, 0f}, x.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
