package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import org.reste.tasks.engine.FusedSignKernel;

/**
 * The straight-through estimator with clipping (Bengio et al. 2013; as used by BinaryNet,
 * Hubara et al. 2016): forward sign(z), backward G(z) = 1 where |z| <= 1, else 0.
 */
public final class ClippedSte extends SurrogateGradient {

    private final double clip;
    private final FusedSignKernel kernel;

    public ClippedSte(double clip) {
        this.clip = clip;
        this.kernel = FusedSignKernel.create(() -> new ClippedSteKernel(clip));
    }

    public ClippedSte() {
        this(1.0);
    }

    @Override
    public String name() {
        return "ste";
    }

    @Override
    protected FusedSignKernel fusedKernel() {
        return kernel;
    }

    @Override
    public NDArray gradient(NDArray z) {
        try (NDArray magnitude = z.abs()) {
            return Indicator.stepDown(magnitude, clip, 0.0);
        }
    }
}
