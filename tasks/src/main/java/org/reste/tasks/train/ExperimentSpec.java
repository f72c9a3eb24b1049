package org.reste.tasks.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.estimator.EstimatorRegistry;
import org.reste.tasks.estimator.Role;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.nn.Bits;

/**
 * Everything that decides what one training run computes. Its run id is a hash of these fields,
 * so the same spec is the same run wherever and whenever it trains. Where it trains (device,
 * threads, paths) is deliberately not part of it.
 *
 * @param wa bit widths as "1/1", "1/32" or "32/32"
 * @param oEnd ReSTE's final power o (also the o of the estimating-error indicator)
 * @param t ReSTE's clip threshold (read by reste only)
 * @param m ReSTE's small interval (read by reste only)
 * @param estimatorArgs the estimator's own options (DSQ's alpha, EDE's tmin/tmax, ...), JSON
 *     {@code estimator_args}. The constructor completes them with the estimator's defaults, so a
 *     spec (and its run record) shows every value its estimator used and the run id changes with
 *     them; an estimator without options has none, and then the field is left out of the JSON,
 *     which keeps the run ids of specs written before it existed.
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
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> estimatorArgs,
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
        estimatorArgs = resolveEstimatorArgs(estimator, estimatorArgs);
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
        checkEstimatorBuilds(estimator, new EstimatorOptions(oEnd, t, m, estimatorArgs));
    }

    /** The paper's CIFAR-10 recipe for ResNet-20 1W/1A with ReSTE (1000 epochs, warm-up). */
    public static ExperimentSpec paperDefaults() {
        return builder().build();
    }

    /** A builder starting from the paper's recipe ({@link PaperRecipe}): ResNet-20 1W/1A ReSTE on CIFAR-10, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().backbone(backbone).wa(wa).estimator(estimator).oEnd(oEnd).t(t).m(m).estimatorArgs(estimatorArgs)
                .dataset(dataset).trainSubset(trainSubset).testSubset(testSubset).epochs(epochs).batch(batch)
                .testBatch(testBatch).lr(lr).momentum(momentum).weightDecay(weightDecay).warmupEpochs(warmupEpochs)
                .seed(seed).indicators(indicators);
    }

    /** What the network is: backbone and bit widths. */
    public record Model(String backbone, Bits bits) {}

    /** How the sign's backward is estimated: the estimator, ReSTE's o_end, t and m, the estimator's own options. */
    public record Estimation(String estimator, double oEnd, double t, double m, Map<String, Double> estimatorArgs) {}

    /** How it is optimised: epochs, batches, SGD's lr, momentum and weight decay, warm-up. */
    public record Recipe(int epochs, int batch, int testBatch, double lr, double momentum, double weightDecay,
            int warmupEpochs) {}

    /** What it learns from: the data set and the subsets. */
    public record Data(String dataset, int trainSubset, int testSubset) {}

    @JsonIgnore
    public Model model() {
        return new Model(backbone, bits());
    }

    @JsonIgnore
    public Estimation estimation() {
        return new Estimation(estimator, oEnd, t, m, estimatorArgs);
    }

    @JsonIgnore
    public Recipe recipe() {
        return new Recipe(epochs, batch, testBatch, lr, momentum, weightDecay, warmupEpochs);
    }

    @JsonIgnore
    public Data data() {
        return new Data(dataset, trainSubset, testSubset);
    }

    @JsonIgnore
    public Bits bits() {
        return Bits.parse(wa);
    }

    @JsonIgnore
    public EstimatorOptions estimatorOptions() {
        return new EstimatorOptions(oEnd, t, m, estimatorArgs);
    }

    /** A short content hash: same spec, same id. */
    @JsonIgnore
    public String runId() {
        return readableHash(Json.canonical(this));
    }

    /**
     * The id of this spec over all its seeds (what a table row groups: the same recipe trained
     * from several initialisations); never equal to a run id, so the two cannot be confused.
     */
    @JsonIgnore
    public String seedlessId() {
        return readableHash("seedless:" + Json.canonical(withSeed(0)));
    }

    private String readableHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return backbone + "-" + wa.replace('/', 'w') + "a-" + estimator + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ExperimentSpec withSeed(long value) {
        return toBuilder().seed(value).build();
    }

    public ExperimentSpec withEpochs(int value) {
        return toBuilder().epochs(value).build();
    }

    /** This spec with the estimator's options set to {@code value} (completed with defaults). */
    public ExperimentSpec withEstimatorArgs(Map<String, Double> value) {
        return toBuilder().estimatorArgs(value).build();
    }

    public ExperimentSpec withIndicators(boolean value) {
        return toBuilder().indicators(value).build();
    }

    /**
     * Names every field of a spec, so no call site writes 19 values in a row; starts from the
     * paper's recipe. {@link #build} checks the values (one message naming the field).
     */
    public static final class Builder {
        private String backbone = "resnet20";
        private String wa = "1/1";
        private String estimator = "reste";
        private double oEnd = PaperRecipe.O_END;
        private double t = PaperRecipe.T;
        private double m = PaperRecipe.M;
        private Map<String, Double> estimatorArgs = Map.of();
        private String dataset = "cifar10";
        private int trainSubset;
        private int testSubset;
        private int epochs = PaperRecipe.EPOCHS;
        private int batch = PaperRecipe.BATCH;
        private int testBatch = PaperRecipe.TEST_BATCH;
        private double lr = PaperRecipe.LR;
        private double momentum = PaperRecipe.MOMENTUM;
        private double weightDecay = PaperRecipe.WEIGHT_DECAY;
        private int warmupEpochs = PaperRecipe.WARMUP_EPOCHS;
        private long seed;
        private boolean indicators;

        private Builder() {}

        public Builder backbone(String value) { backbone = value; return this; }
        public Builder wa(String value) { wa = value; return this; }
        public Builder estimator(String value) { estimator = value; return this; }
        public Builder oEnd(double value) { oEnd = value; return this; }
        public Builder t(double value) { t = value; return this; }
        public Builder m(double value) { m = value; return this; }
        public Builder estimatorArgs(Map<String, Double> value) { estimatorArgs = value; return this; }
        public Builder dataset(String value) { dataset = value; return this; }
        public Builder trainSubset(int value) { trainSubset = value; return this; }
        public Builder testSubset(int value) { testSubset = value; return this; }
        public Builder epochs(int value) { epochs = value; return this; }
        public Builder batch(int value) { batch = value; return this; }
        public Builder testBatch(int value) { testBatch = value; return this; }
        public Builder lr(double value) { lr = value; return this; }
        public Builder momentum(double value) { momentum = value; return this; }
        public Builder weightDecay(double value) { weightDecay = value; return this; }
        public Builder warmupEpochs(int value) { warmupEpochs = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder indicators(boolean value) { indicators = value; return this; }

        public ExperimentSpec build() {
            return new ExperimentSpec(backbone, wa, estimator, oEnd, t, m, estimatorArgs, dataset, trainSubset, testSubset,
                    epochs, batch, testBatch, lr, momentum, weightDecay, warmupEpochs, seed, indicators);
        }
    }

    /** {@code given} completed with the estimator's defaults; an option it does not read names the field. */
    private static Map<String, Double> resolveEstimatorArgs(String estimator, Map<String, Double> given) {
        try {
            return EstimatorRegistry.resolveOptions(estimator, given);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("estimator_args: " + e.getMessage(), e);
        }
    }

    /** Builds the estimator once per role (cheap: no tensors) so a value it refuses fails here, not mid-run. */
    private static void checkEstimatorBuilds(String estimator, EstimatorOptions options) {
        for (Role role : Role.values()) {
            try {
                EstimatorRegistry.create(estimator, options, role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("estimator_args: " + e.getMessage(), e);
            }
        }
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
