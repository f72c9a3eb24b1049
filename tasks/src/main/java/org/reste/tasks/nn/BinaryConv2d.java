package org.reste.tasks.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.CpuFloatTensors;
import org.reste.tasks.engine.FusedBinaryBlock;
import org.reste.tasks.engine.FusedSignKernel;
import org.reste.tasks.engine.XnorConvolution;
import org.reste.tasks.estimator.Estimator;
import org.reste.tasks.estimator.FullPrecision;
import org.reste.tasks.estimator.LayerScalarEstimator;

/**
 * A binarized 3x3 (or any square) convolution without bias, as the paper's code builds it:
 *
 * <pre>
 *   a_b = sign(a)                      (activations; skipped for 1W/32A)
 *   w_b = sign(w) * mean(|w|)          (one scalar per layer, DoReFa-style)
 *   out = conv2d(a_b, w_b)
 * </pre>
 *
 * The backward of each sign is its {@link Estimator}'s. The latent real weight {@code w} is the
 * parameter the optimizer updates; the indicators read it through {@link #latentWeight()}. An
 * estimator that learns a scalar per layer ({@link LayerScalarEstimator}, e.g. DSQ's alpha) gets
 * it here as a one-element parameter, {@code weight_<name>} or {@code input_<name>}.
 *
 * <p>{@code scaleAfterConv} computes {@code conv2d(a_b, sign(w)) * mean(|w|)} instead, the same
 * value in exact arithmetic. With the scale first (the official order) the conv sums multiples
 * of a float scale, and where the signs cancel (4-7% of outputs) the sum is a rounding residue
 * of random sign, so ReLU's backward passes or blocks those positions by chance, differently in
 * every build; summing the signs first keeps those zeros exact. The parity harness needs that to
 * compare gradients with the official code; training keeps the official order.
 *
 * <p>In evaluation on the CPU (nothing recording a backward, binary activations) the
 * convolution of the signs runs with bits instead ({@link XnorConvolution}): the scale is then
 * applied after the sum, as with {@code scaleAfterConv}.
 */
public final class BinaryConv2d extends AbstractBlock {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Estimator weightEstimator;
    private final Estimator activationEstimator;
    private final boolean scaleAfterConv;
    private final Parameter weight;
    /** The estimators' learned scalars, null where the estimator learns none. */
    private final Parameter weightScalar;
    private final Parameter activationScalar;
    /** The weights last turned into bits, and what they gave: evaluation reuses it while they stay the same. */
    private volatile BitsOfWeights lastBits;

    /** {@code conv} is null where those weights cannot run in bits. */
    private record BitsOfWeights(float[] weights, XnorConvolution conv) {}

    /**
     * @param activationEstimator the estimator for the input's sign, or a full-precision
     *     estimator for 1W/32A
     */
    public BinaryConv2d(
            int inChannels,
            int outChannels,
            int kernel,
            int stride,
            int padding,
            Estimator weightEstimator,
            Estimator activationEstimator) {
        this(inChannels, outChannels, kernel, stride, padding, weightEstimator, activationEstimator, false);
    }

    /** As above; {@code scaleAfterConv} scales the conv's output instead of its weights (see the class doc). */
    public BinaryConv2d(
            int inChannels,
            int outChannels,
            int kernel,
            int stride,
            int padding,
            Estimator weightEstimator,
            Estimator activationEstimator,
            boolean scaleAfterConv) {
        this.scaleAfterConv = scaleAfterConv;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weightEstimator = weightEstimator;
        this.activationEstimator = activationEstimator;
        this.weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optInitializer(
                                        new XavierInitializer(
                                                XavierInitializer.RandomType.GAUSSIAN,
                                                XavierInitializer.FactorType.IN,
                                                2))
                                .optShape(new Shape(outChannels, inChannels, kernel, kernel))
                                .build());
        this.weightScalar = scalarParameter(weightEstimator, "weight_");
        this.activationScalar = scalarParameter(activationEstimator, "input_");
    }

    private Parameter scalarParameter(Estimator estimator, String prefix) {
        if (!(estimator instanceof LayerScalarEstimator learned)) {
            return null;
        }
        return addParameter(Parameter.builder()
                .setName(prefix + learned.scalarName())
                .setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer((float) learned.initialScalar()))
                .optShape(new Shape(1))
                .build());
    }

    private static NDArray binarize(Estimator estimator, Parameter scalar, NDArray z, ParameterStore store, boolean training) {
        if (scalar == null) {
            return estimator.binarize(z);
        }
        return ((LayerScalarEstimator) estimator).binarize(z, store.getValue(scalar, z.getDevice(), training));
    }

    public Parameter latentWeight() {
        return weight;
    }

    public Estimator weightEstimator() {
        return weightEstimator;
    }

    public Estimator activationEstimator() {
        return activationEstimator;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        if (!training) {
            NDArray bitwise = bitwiseEvaluation(input, w);
            if (bitwise != null) {
                return new NDList(bitwise);
            }
        }
        NDArray activations = binarize(activationEstimator, activationScalar, input, parameterStore, training);
        NDArray scale;
        try (NDArray magnitude = w.abs()) {
            // As the official code: the gradient also flows through the scale mean(|w|).
            scale = magnitude.mean();
        }
        NDArray signs = binarize(weightEstimator, weightScalar, w, parameterStore, training);
        NDArray binaryWeight = scaleAfterConv ? signs : signs.mul(scale);
        NDList out =
                Conv2d.conv2d(
                        activations,
                        binaryWeight,
                        null,
                        new Shape(stride, stride),
                        new Shape(padding, padding),
                        new Shape(1, 1));
        if (scaleAfterConv) {
            NDArray sums = out.singletonOrThrow();
            out = new NDList(sums.mul(scale));
            sums.close();
        }
        if (activations != input) {
            activations.close();
        }
        if (binaryWeight != signs) {
            binaryWeight.close();
        }
        signs.close();
        scale.close();
        return out;
    }

    /**
     * The same convolution with bits ({@link XnorConvolution}) where nothing records a backward
     * and both sides are signs on the CPU; null where libtorch's path must run.
     */
    private NDArray bitwiseEvaluation(NDArray input, NDArray w) {
        if (!CpuFloatTensors.eligible(input) || Autograd.isRecording()) {
            return null;
        }
        XnorConvolution conv = bitwise(w);
        return conv == null ? null : conv.apply(input, scaleOf(w));
    }

    /** This conv in bits for evaluation, or null where it cannot be (binary activations, CPU float32 weights without a zero). */
    private XnorConvolution bitwise(NDArray w) {
        // FusedSignKernel.available() first: without the vector API module XnorConvolution cannot load.
        if (activationEstimator instanceof FullPrecision || !FusedSignKernel.available() || !XnorConvolution.enabled()
                || !CpuFloatTensors.eligible(w)) {
            return null;
        }
        float[] weights = w.toFloatArray();
        BitsOfWeights last = lastBits;
        if (last != null && Arrays.equals(last.weights, weights)) {
            return last.conv; // the same weights: batch after batch of an evaluation
        }
        XnorConvolution conv = XnorConvolution.of(weights, inChannels, outChannels, kernel, stride, padding);
        lastBits = new BitsOfWeights(weights, conv);
        return conv;
    }

    /** mean(|w|), the layer's scale, as libtorch computes it. */
    private static float scaleOf(NDArray w) {
        try (NDArray magnitude = w.abs(); NDArray mean = magnitude.mean()) {
            return mean.getFloat();
        }
    }

    /**
     * This conv in bits with the BatchNorm that follows its ReLU ({@code batchNorm}, built by
     * {@link Layers#batchNorm}), for {@link BinaryBasicBlock}'s fused evaluation; null where
     * the conv cannot run in bits.
     */
    FusedBinaryBlock.Stage evaluationStage(ParameterStore store, Device device, Block batchNorm) {
        NDArray w = store.getValue(weight, device, false);
        XnorConvolution conv = bitwise(w);
        if (conv == null) {
            return null;
        }
        return FusedBinaryBlock.Stage.of(conv, scaleOf(w),
                valuesOf(store, device, batchNorm, "gamma"), valuesOf(store, device, batchNorm, "beta"),
                valuesOf(store, device, batchNorm, "runningMean"), valuesOf(store, device, batchNorm, "runningVar"),
                Layers.BATCH_NORM_EPSILON);
    }

    private static float[] valuesOf(ParameterStore store, Device device, Block block, String name) {
        return store.getValue(block.getParameters().get(name), device, false).toFloatArray();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (in.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    @Override
    public String toString() {
        return String.format(
                "BinaryConv2d(%d->%d, k%d, s%d, w=%s, a=%s)",
                inChannels, outChannels, kernel, stride, weightEstimator.name(), activationEstimator.name());
    }
}
