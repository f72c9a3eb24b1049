package org.reste.tasks.estimator;

import ai.djl.ndarray.NDArray;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.OwnedScalar;

/**
 * DSQ with alpha learned per layer ({@code learn_alpha=1}), as DSQ itself trains it (Gong et al.,
 * ICCV 2019, §3.3): the soft quantizer {@code phi(z) = s tanh(k z)} on [-1, 1] with
 * {@code k = ln(2/alpha - 1)/2}, {@code s = 1/(1 - alpha)} is built from the layer's alpha, and
 *
 * <pre>out = sign(z) + (phi(clip(z, -1, 1)) - sg(phi(clip(z, -1, 1))))</pre>
 *
 * is exactly sign(z) in the forward (x - x = 0), while autograd gives z the backward of
 * {@link Dsq} at the current alpha and gives alpha dL/dalpha through k and s. alpha starts at the
 * {@code alpha} option (0.2) and is clamped to [0.001, 0.999] in the forward, our choice to keep
 * k and s finite (the clamp passes no gradient outside it). Like every parameter, alpha gets the
 * trainer's weight decay.
 */
public final class DsqLearnedAlpha implements LayerScalarEstimator {

    static final double ALPHA_MIN = 1e-3;
    static final double ALPHA_MAX = 1 - 1e-3;

    private final Dsq initial;

    public DsqLearnedAlpha(double alpha) {
        this.initial = new Dsq(alpha);
    }

    @Override
    public String name() {
        return "dsq";
    }

    @Override
    public String scalarName() {
        return "alpha";
    }

    @Override
    public double initialScalar() {
        return initial.alpha();
    }

    @Override
    public NDArray binarize(NDArray z) {
        return initial.binarize(z);
    }

    @Override
    public NDArray gradient(NDArray z) {
        return initial.gradient(z);
    }

    @Override
    public NDArray binarize(NDArray z, NDArray alpha) {
        NDArray sign;
        try (NDArray detached = z.stopGradient()) {
            sign = detached.sign();
        }
        if (!Autograd.isRecording()) {
            return sign;
        }
        // Torch-owned scalars: autograd saves the operands of mul, div and pow (see OwnedScalar).
        try (NDArray a = alpha.clip(ALPHA_MIN, ALPHA_MAX);
                NDArray one = OwnedScalar.like(a, 1.0);
                NDArray two = OwnedScalar.like(a, 2.0);
                NDArray half = OwnedScalar.like(a, 0.5);
                NDArray inverse = one.div(a);
                NDArray twoOverA = inverse.mul(two);
                NDArray ratio = twoOverA.sub(1);
                NDArray logRatio = ratio.log();
                NDArray k = logRatio.mul(half);
                NDArray negative = a.neg();
                NDArray oneMinusA = negative.add(1);
                NDArray s = one.div(oneMinusA);
                NDArray inside = z.clip(-1, 1);
                NDArray kz = inside.mul(k);
                NDArray tanh = kz.tanh();
                NDArray phi = tanh.mul(s);
                NDArray frozen = phi.stopGradient()) {
            // phi - sg(phi) is 0 with phi's gradient path to z and alpha; adding sign keeps it.
            NDArray out = phi.sub(frozen);
            out.addi(sign);
            sign.close();
            return out;
        }
    }
}
