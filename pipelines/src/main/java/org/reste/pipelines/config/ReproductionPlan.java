package org.reste.pipelines.config;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a reproduction will produce, read and validated from configs/ before any training:
 * the profile, the paper's numbers and, per requested table, its planned runs.
 */
public record ReproductionPlan(Profile profile, PaperReference reference, List<TablePlan> tables)
        implements Serializable {

    /** The paper's tables ("all"), in order, with their matrix files. */
    public static final Map<String, String> TABLES = knownTables();

    /**
     * Matrices that are not the paper's and run only when named: the nightly accuracy gate's, and
     * the reference runs on full CIFAR-10 (profile cpu-reference).
     */
    public static final Map<String, String> ON_REQUEST = Map.of("nightly", "nightly", "reference", "reference");

    /**
     * One table's planned runs.
     *
     * @param paperRows the paper table whose matching rows it shows beside ours; null: its own, whole
     */
    public record TablePlan(String id, String title, List<PlannedRun> runs, String paperRows) implements Serializable {}

    private static Map<String, String> knownTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("1", "table1");
        tables.put("2", "table2");
        tables.put("3", "table3");
        tables.put("equilibrium", "equilibrium");
        return tables;
    }

    /**
     * @param requested "all" (the paper's tables) or a comma list of 1, 2, 3, equilibrium, nightly
     * @param datasetsWithData datasets the job can train on
     */
    public static ReproductionPlan load(Path configDir, String profileName, String requested, Set<String> datasetsWithData) {
        Profile profile = Profile.load(configDir.resolve("profiles").resolve(profileName + ".yaml"));
        PaperReference reference = PaperReference.load(configDir.resolve("reference").resolve("paper.yaml"));
        List<TablePlan> plans = new ArrayList<>();
        for (String id : parseTables(requested)) {
            ExperimentMatrix matrix = ExperimentMatrix.load(configDir.resolve("experiments").resolve(id + ".yaml"));
            if (!matrix.table().equals(id)) {
                throw new ConfigException(matrix.file(), 1, "table", "says '" + matrix.table() + "' but the file is " + id + ".yaml");
            }
            if (matrix.paperRows() != null && !reference.tables().containsKey(matrix.paperRows())) {
                throw new ConfigException(matrix.file(), 1, "paper_rows", "no paper table '" + matrix.paperRows()
                        + "' in configs/reference/paper.yaml; known: " + String.join(", ", reference.tables().keySet()));
            }
            plans.add(new TablePlan(id, matrix.title(), MatrixExpander.expand(matrix, profile, datasetsWithData),
                    matrix.paperRows()));
        }
        return new ReproductionPlan(profile, reference, plans);
    }

    /** The plan of table {@code id} (e.g. "nightly"), if this plan produces it. */
    public Optional<TablePlan> table(String id) {
        return tables.stream().filter(table -> table.id().equals(id)).findFirst();
    }

    /** Every planned run, each once (a run shared by two tables trains once). */
    public List<PlannedRun> distinctRuns() {
        Map<String, PlannedRun> runs = new LinkedHashMap<>();
        for (TablePlan table : tables) {
            for (PlannedRun run : table.runs()) {
                runs.putIfAbsent(run.runId(), run);
            }
        }
        return new ArrayList<>(runs.values());
    }

    static List<String> parseTables(String requested) {
        if (requested == null || requested.isBlank() || requested.equals("all")) {
            return new ArrayList<>(TABLES.values());
        }
        List<String> ids = new ArrayList<>();
        for (String part : requested.split(",")) {
            String id = TABLES.getOrDefault(part.trim(), ON_REQUEST.get(part.trim()));
            if (id == null) {
                throw new IllegalArgumentException("--tables: unknown table '" + part.trim() + "'; known: all, "
                        + String.join(", ", TABLES.keySet()) + ", " + String.join(", ", new java.util.TreeSet<>(ON_REQUEST.keySet())));
            }
            ids.add(id);
        }
        return ids;
    }
}
