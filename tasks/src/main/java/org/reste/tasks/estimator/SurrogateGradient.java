package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.FusedSignKernel;

/**
 * The one mechanism every elementwise estimator uses: a subclass states only G(z), and
 *
 * <pre>out = sign(z) + (z * sg(G(z)) - sg(z * G(z)))</pre>
 *
 * (sg = stop gradient) is exactly sign(z) in the forward, because x - x = 0 exactly, while its
 * backward is grad * G(z). Compared with a differentiable surrogate f whose derivative is G,
 * autograd here keeps one saved tensor (G) and runs one multiply in the backward.
 *
 * <p>A subclass may also offer a {@link FusedSignKernel} that writes sign(z) and G(z) in one
 * CPU pass; where it applies it replaces {@link #gradient} and the sign while training.
 */
public abstract class SurrogateGradient implements Estimator {

    @Override
    public final NDArray binarize(NDArray z) {
        NDArray detached = z.stopGradient();
        if (!Autograd.isRecording()) {
            NDArray sign = detached.sign();
            detached.close();
            return sign;
        }
        NDArray sign;
        NDArray g;
        NDArray[] fused = signAndGradientFused(detached);
        if (fused != null) {
            sign = fused[0];
            g = fused[1];
        } else {
            sign = detached.sign();
            g = gradient(detached);
        }
        NDArray linear = z.mul(g);
        g.close();
        try (NDArray frozen = linear.stopGradient()) {
            // In place: linear becomes (linear - linear) + sign with its grad path to z intact.
            linear.subi(frozen).addi(sign);
        }
        sign.close();
        detached.close();
        return linear;
    }

    /** The fused CPU kernel for this estimator's current state, or null (libtorch's ops then). */
    protected FusedSignKernel fusedKernel() {
        return null;
    }

    private NDArray[] signAndGradientFused(NDArray detached) {
        FusedSignKernel kernel = fusedKernel();
        return kernel == null ? null : kernel.signAndGradient(detached);
    }
}
