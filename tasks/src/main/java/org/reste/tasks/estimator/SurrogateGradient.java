package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import org.reste.tasks.engine.Autograd;

/**
 * The one mechanism every elementwise estimator uses: a subclass states only G(z), and
 *
 * <pre>out = sign(z) + (z * sg(G(z)) - sg(z * G(z)))</pre>
 *
 * (sg = stop gradient) is exactly sign(z) in the forward, because x - x = 0 exactly, while its
 * backward is grad * G(z). Compared with a differentiable surrogate f whose derivative is G,
 * autograd here keeps one saved tensor (G) and runs one multiply in the backward.
 */
public abstract class SurrogateGradient implements Estimator {

    @Override
    public final NDArray binarize(NDArray z) {
        NDArray detached = z.stopGradient();
        NDArray sign = detached.sign();
        if (!Autograd.isRecording()) {
            detached.close();
            return sign;
        }
        NDArray g = gradient(detached);
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
}
