package org.reste.tasks.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.estimator.EstimatorRegistry;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.nn.Bits;

/**
 * Everything that decides what one training run computes. Its run id is a hash of these fields,
 * so the same spec is the same run wherever and whenever it trains. Where it trains (device,
 * threads, paths) is deliberately not part of it.
 *
 * @param wa bit widths as "1/1", "1/32" or "32/32"
 * @param trainSubset first N training images (0 = all)
 * @param testSubset first N test images (0 = all)
 * @param warmupEpochs linear warm-up epochs, lr * (e+1)/warmup (0 = none; the paper uses 5)
 */
public record ExperimentSpec(
        String backbone,
        String wa,
        String estimator,
        double oEnd,
        double t,
        double m,
        String dataset,
        int trainSubset,
        int testSubset,
        int epochs,
        int batch,
        int testBatch,
        double lr,
        double momentum,
        double weightDecay,
        int warmupEpochs,
        long seed,
        boolean indicators) {

    /** Fails with one message naming the field when a value cannot train. */
    public ExperimentSpec {
        require(backbone != null && Backbones.contains(backbone), "backbone",
                "unknown backbone '" + backbone + "'; known: " + String.join(", ", Backbones.names()));
        require(estimator != null && EstimatorRegistry.contains(estimator), "estimator",
                "unknown estimator '" + estimator + "'; known: " + String.join(", ", EstimatorRegistry.names()));
        try {
            Bits.parse(wa == null ? "" : wa);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("wa: " + e.getMessage(), e);
        }
        require(dataset != null && !dataset.isBlank(), "dataset", "must be named");
        require(oEnd >= 1, "o_end", "must be >= 1, got " + oEnd);
        require(t > m && m > 0, "t/m", "need t > m > 0, got t=" + t + ", m=" + m);
        require(trainSubset >= 0 && testSubset >= 0, "train_subset/test_subset", "must be >= 0");
        require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
        require(batch >= 2, "batch", "must be >= 2 (BatchNorm needs two samples), got " + batch);
        require(testBatch >= 1, "test_batch", "must be >= 1, got " + testBatch);
        require(lr > 0, "lr", "must be > 0, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "weight_decay", "must be >= 0, got " + weightDecay);
        require(warmupEpochs >= 0, "warmup_epochs", "must be >= 0, got " + warmupEpochs);
    }

    /** The paper's CIFAR-10 recipe for ResNet-20 1W/1A with ReSTE (1000 epochs, warm-up). */
    public static ExperimentSpec paperDefaults() {
        return new ExperimentSpec(
                "resnet20", "1/1", "reste", 3.0, 1.5, 0.1, "cifar10", 0, 0, 1000, 256, 128, 0.1, 0.9,
                1e-4, 5, 0, false);
    }

    @JsonIgnore
    public Bits bits() {
        return Bits.parse(wa);
    }

    @JsonIgnore
    public EstimatorOptions estimatorOptions() {
        return new EstimatorOptions(oEnd, t, m);
    }

    /** A short content hash: same spec, same id. */
    @JsonIgnore
    public String runId() {
        String canonical = Json.canonical(this);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return backbone + "-" + wa.replace('/', 'w') + "a-" + estimator + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ExperimentSpec withEpochs(int value) {
        return new ExperimentSpec(backbone, wa, estimator, oEnd, t, m, dataset, trainSubset, testSubset,
                value, batch, testBatch, lr, momentum, weightDecay, warmupEpochs, seed, indicators);
    }

    public ExperimentSpec withIndicators(boolean value) {
        return new ExperimentSpec(backbone, wa, estimator, oEnd, t, m, dataset, trainSubset, testSubset,
                epochs, batch, testBatch, lr, momentum, weightDecay, warmupEpochs, seed, value);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
