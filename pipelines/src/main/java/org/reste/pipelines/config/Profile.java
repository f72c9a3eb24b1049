package org.reste.pipelines.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final Set<String> KEYS = Set.of("profile", "title", "dataset", "epochs", "train_subset",
            "test_subset", "batch", "test_batch", "lr", "momentum", "weight_decay", "warmup_epochs", "seed", "seeds",
            "per_backbone");
    private static final Set<String> BUDGET_KEYS = Set.of("epochs", "train_subset", "test_subset", "batch",
            "test_batch", "lr", "momentum", "weight_decay", "warmup_epochs");

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
     * Reads configs/profiles/NAME.yaml; every field is required except dataset and per_backbone,
     * and exactly one of seed and seeds.
     */
    public static Profile load(Path file) {
        YamlNode root = YamlNode.load(file).onlyKeys(KEYS);
        String name = root.get("profile").text();
        Budget defaults = new Budget(
                positive(root.get("epochs")), root.get("train_subset").integer(), root.get("test_subset").integer(),
                positive(root.get("batch")), positive(root.get("test_batch")), root.get("lr").number(),
                momentum(root, PaperRecipe.MOMENTUM), weightDecay(root, PaperRecipe.WEIGHT_DECAY),
                root.get("warmup_epochs").integer());
        Map<String, Budget> perBackbone = new LinkedHashMap<>();
        if (root.has("per_backbone")) {
            for (Map.Entry<String, YamlNode> entry : root.get("per_backbone").entries().entrySet()) {
                YamlNode o = entry.getValue().onlyKeys(BUDGET_KEYS);
                perBackbone.put(entry.getKey(), new Budget(
                        o.has("epochs") ? positive(o.get("epochs")) : defaults.epochs(),
                        o.integer("train_subset", defaults.trainSubset()),
                        o.integer("test_subset", defaults.testSubset()),
                        o.has("batch") ? positive(o.get("batch")) : defaults.batch(),
                        o.has("test_batch") ? positive(o.get("test_batch")) : defaults.testBatch(),
                        o.number("lr", defaults.lr()),
                        momentum(o, defaults.momentum()),
                        weightDecay(o, defaults.weightDecay()),
                        o.integer("warmup_epochs", defaults.warmupEpochs())));
            }
        }
        return new Profile(name, root.get("title").text(), dataset(root), defaults, perBackbone, seeds(root));
    }

    private static List<Long> seeds(YamlNode root) {
        if (root.has("seed") == root.has("seeds")) {
            throw new ConfigException(root.file(), root.has("seeds") ? root.get("seeds").line() : root.line(), "seed/seeds",
                    "give either seed (one) or seeds (a list), " + (root.has("seed") ? "not both" : "got neither"));
        }
        if (root.has("seed")) {
            return List.of((long) root.get("seed").integer());
        }
        YamlNode list = root.get("seeds");
        if (!list.isList() || list.items().isEmpty()) {
            throw list.error("seeds is a non-empty list of integers, e.g. [1, 2, 3]");
        }
        LinkedHashSet<Long> seeds = new LinkedHashSet<>();
        for (YamlNode item : list.items()) {
            if (!seeds.add((long) item.integer())) {
                throw item.error("seed " + item.text() + " is listed twice");
            }
        }
        return List.copyOf(new ArrayList<>(seeds));
    }

    private static String dataset(YamlNode root) {
        if (!root.has("dataset")) {
            return null;
        }
        YamlNode node = root.get("dataset");
        if (!DatasetCatalog.NAMES.contains(node.text())) {
            throw node.error("unknown dataset '" + node.text() + "'; known: " + String.join(", ", DatasetCatalog.NAMES));
        }
        return node.text();
    }

    private static double momentum(YamlNode budget, double fallback) {
        if (!budget.has("momentum")) {
            return fallback;
        }
        YamlNode node = budget.get("momentum");
        double value = node.number();
        if (!(value >= 0 && value < 1)) {
            throw node.error("must be in [0, 1), got " + value);
        }
        return value;
    }

    private static double weightDecay(YamlNode budget, double fallback) {
        if (!budget.has("weight_decay")) {
            return fallback;
        }
        YamlNode node = budget.get("weight_decay");
        double value = node.number();
        if (!(value >= 0)) {
            throw node.error("must be >= 0, got " + value);
        }
        return value;
    }

    private static int positive(YamlNode node) {
        int value = node.integer();
        if (value < 1) {
            throw node.error("must be >= 1, got " + value);
        }
        return value;
    }
}
