package org.reste.tasks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reste.tasks.nn.NamedConv;

/**
 * The paper's two equilibrium indicators (§3.3, Fig. 4), measured on every binarized conv's
 * latent weight w after each backward and averaged over the epoch's iterations:
 *
 * <ul>
 *   <li>estimating error {@code e = || f(w) - sign(w) ||_2} with
 *       {@code f(z) = sign(z) |z|^(1/o_end)}: how far the surrogate is from sign;
 *   <li>gradient instability {@code s = var(|dL/dw|)} (torch's unbiased var): how spiky the
 *       backward is.
 * </ul>
 *
 * Both are also summed over layers, as the official code reports them.
 */
public final class Indicators {

    private final List<NamedConv> convs;
    private final double oEnd;
    private final double[] errorSums;
    private final double[] instabilitySums;
    private int iterations;

    public Indicators(List<NamedConv> convs, double oEnd) {
        this.convs = List.copyOf(convs);
        this.oEnd = oEnd;
        this.errorSums = new double[convs.size()];
        this.instabilitySums = new double[convs.size()];
    }

    /** Adds one iteration's values; call after backward, before the optimizer zeroes gradients. */
    public void accumulate() {
        if (convs.isEmpty()) {
            return;
        }
        NDList values = new NDList();
        for (NamedConv named : convs) {
            NDArray w = named.conv().latentWeight().getArray();
            NDArray sign = w.sign();
            NDArray surrogate = w.abs().powi(1.0 / oEnd).muli(sign);
            values.add(surrogate.subi(sign).norm());
            try (NDArray grad = w.getGradient()) {
                NDArray magnitude = grad.abs();
                long n = magnitude.size();
                NDArray mean = magnitude.mean();
                // Unbiased variance: sum((x - mean)^2) / (n - 1).
                values.add(magnitude.subi(mean).square().sum().divi(Math.max(1, n - 1)));
            }
        }
        float[] flat;
        try (NDArray stacked = NDArrays.stack(values)) {
            flat = stacked.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        }
        for (int i = 0; i < convs.size(); i++) {
            errorSums[i] += flat[2 * i];
            instabilitySums[i] += flat[2 * i + 1];
        }
        iterations++;
    }

    /** The epoch's means, then resets for the next epoch. */
    public IndicatorValues drain() {
        Map<String, Double> error = new LinkedHashMap<>();
        Map<String, Double> instability = new LinkedHashMap<>();
        double errorTotal = 0;
        double instabilityTotal = 0;
        for (int i = 0; i < convs.size(); i++) {
            double e = iterations == 0 ? 0 : errorSums[i] / iterations;
            double s = iterations == 0 ? 0 : instabilitySums[i] / iterations;
            error.put(convs.get(i).name(), e);
            instability.put(convs.get(i).name(), s);
            errorTotal += e;
            instabilityTotal += s;
            errorSums[i] = 0;
            instabilitySums[i] = 0;
        }
        iterations = 0;
        return new IndicatorValues(errorTotal, instabilityTotal, error, instability);
    }
}
