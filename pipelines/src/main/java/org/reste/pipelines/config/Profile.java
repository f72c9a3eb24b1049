package org.reste.pipelines.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.train.PaperRecipe;

/**
 * A training budget applied to every run of a matrix: epochs, subsets, batch sizes, lr,
 * warm-up, with per-backbone overrides (the paper trains ResNet-18 for 2000 epochs at batch 96),
 * and the seeds every run is trained with. Its title goes into every table it produces, so
 * reduced budgets say so.
 *
 * @param seeds every spec of a matrix trains once per seed ({@code seeds: [1, 2, 3]}, or one
 *     {@code seed: 0}); a table row is a spec over its seeds
 * @param dataset the data set every run of this profile trains on, overriding each matrix's own
 *     (so the nightly matrix also runs on Fashion-MNIST for a CPU); null keeps the matrix's
 */
public record Profile(String name, String title, String dataset, Budget defaults, Map<String, Budget> perBackbone,
        List<Long> seeds) implements java.io.Serializable {

    /** The numbers one run trains with (momentum and weight_decay optional: the paper's by default). */
    public record Budget(int epochs, int trainSubset, int testSubset, int batch, int testBatch, double lr,
            double momentum, double weightDecay, int warmupEpochs) implements java.io.Serializable {}

    public Budget budgetFor(String backbone) {
        return perBackbone.getOrDefault(backbone, defaults);
    }

    /** The data set a run of {@code matrix} trains on under this profile. */
    public String datasetFor(ExperimentMatrix matrix) {
        return dataset != null ? dataset : matrix.dataset();
    }

    /**
     * Reads configs/profiles/NAME.yaml; every field is required except dataset, momentum,
     * weight_decay (the paper's by default) and per_backbone, and exactly one of seed and seeds.
     */
    public static Profile load(Path file) {
        YamlBinder.Bound<ProfileFile> bound = YamlBinder.read(file, ProfileFile.class);
        ProfileFile f = bound.value();
        ConfigLines lines = bound.lines();
        Budget defaults = new Budget(
                positive(lines, "epochs", lines.required(f.epochs(), "epochs")),
                lines.required(f.trainSubset(), "train_subset"), lines.required(f.testSubset(), "test_subset"),
                positive(lines, "batch", lines.required(f.batch(), "batch")),
                positive(lines, "test_batch", lines.required(f.testBatch(), "test_batch")),
                lines.required(f.lr(), "lr"),
                momentum(lines, "momentum", f.momentum(), PaperRecipe.MOMENTUM),
                weightDecay(lines, "weight_decay", f.weightDecay(), PaperRecipe.WEIGHT_DECAY),
                lines.required(f.warmupEpochs(), "warmup_epochs"));
        Map<String, Budget> perBackbone = new LinkedHashMap<>();
        if (f.perBackbone() != null) {
            f.perBackbone().forEach((backbone, o) ->
                    perBackbone.put(backbone, override(lines, ConfigLines.field("per_backbone", backbone), o, defaults)));
        }
        return new Profile(lines.required(f.profile(), "profile"), lines.required(f.title(), "title"),
                dataset(lines, f.dataset()), defaults, perBackbone, seeds(lines, f));
    }

    /** A backbone's budget: what {@code o} (at {@code at}) sets, the rest from {@code defaults}. */
    private static Budget override(ConfigLines lines, String at, ProfileFile.BackboneBudget o, Budget defaults) {
        if (o == null) {
            throw lines.error(at, "expected a mapping (key: value lines)");
        }
        return new Budget(
                o.epochs() != null ? positive(lines, ConfigLines.field(at, "epochs"), o.epochs()) : defaults.epochs(),
                o.trainSubset() != null ? o.trainSubset() : defaults.trainSubset(),
                o.testSubset() != null ? o.testSubset() : defaults.testSubset(),
                o.batch() != null ? positive(lines, ConfigLines.field(at, "batch"), o.batch()) : defaults.batch(),
                o.testBatch() != null ? positive(lines, ConfigLines.field(at, "test_batch"), o.testBatch()) : defaults.testBatch(),
                o.lr() != null ? o.lr() : defaults.lr(),
                momentum(lines, ConfigLines.field(at, "momentum"), o.momentum(), defaults.momentum()),
                weightDecay(lines, ConfigLines.field(at, "weight_decay"), o.weightDecay(), defaults.weightDecay()),
                o.warmupEpochs() != null ? o.warmupEpochs() : defaults.warmupEpochs());
    }

    private static List<Long> seeds(ConfigLines lines, ProfileFile f) {
        if ((f.seed() != null) == (f.seeds() != null)) {
            throw new ConfigException(lines.file(), lines.line(f.seeds() != null ? "seeds" : ""), "seed/seeds",
                    "give either seed (one) or seeds (a list), " + (f.seed() != null ? "not both" : "got neither"));
        }
        if (f.seed() != null) {
            return List.of((long) f.seed());
        }
        if (f.seeds().isEmpty()) {
            throw lines.error("seeds", "seeds is a non-empty list of integers, e.g. [1, 2, 3]");
        }
        LinkedHashSet<Long> seeds = new LinkedHashSet<>();
        for (int i = 0; i < f.seeds().size(); i++) {
            Integer seed = lines.required(f.seeds().get(i), ConfigLines.item("seeds", i));
            if (!seeds.add((long) seed)) {
                throw lines.error(ConfigLines.item("seeds", i), "seed " + seed + " is listed twice");
            }
        }
        return List.copyOf(seeds);
    }

    private static String dataset(ConfigLines lines, String dataset) {
        if (dataset != null && !DatasetCatalog.NAMES.contains(dataset)) {
            throw lines.error("dataset", "unknown dataset '" + dataset + "'; known: " + String.join(", ", DatasetCatalog.NAMES));
        }
        return dataset;
    }

    private static double momentum(ConfigLines lines, String path, Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= 0 && value < 1)) {
            throw lines.error(path, "must be in [0, 1), got " + value);
        }
        return value;
    }

    private static double weightDecay(ConfigLines lines, String path, Double value, double fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value >= 0)) {
            throw lines.error(path, "must be >= 0, got " + value);
        }
        return value;
    }

    private static int positive(ConfigLines lines, String path, int value) {
        if (value < 1) {
            throw lines.error(path, "must be >= 1, got " + value);
        }
        return value;
    }
}
