package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GradientRecording;

/** Activations are intermediate tensors, not leaves: the estimator must carry their gradient too. */
class IntermediateGradientTest {

    /** Also with a garbage collection between forward and backward, where training may have one. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientFlowsThroughAnIntermediateTensor(boolean collectGarbage) {
        EngineSetup.configure();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-1f, -0.2f, 0.02f, 0.3f, 0.9f});
            x.setRequiresGradient(true);
            try (GradientRecording collector = GradientRecording.start()) {
                // 2x as x + x: x.mul(2) would leave autograd a Java-owned 2 (see OwnedScalar).
                NDArray y = x.add(x);
                NDArray out = ReSTE.fixed(1.0).binarize(y);
                if (collectGarbage) {
                    CollectGarbage.now();
                }
                collector.backward(out.sum());
            }
            // G = 1 where |2x| <= 1.5, times dy/dx = 2.
            assertArrayEquals(new float[] {0f, 2f, 2f, 2f, 0f}, x.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
