package org.reste.pipelines.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reste.tasks.train.PaperRecipe;

/**
 * One table's experiments: blocks of lists whose cross product gives the runs, e.g.
 * {@code {backbone: [resnet20, resnet18], wa: ["1/1", "1/32"], estimator: [reste]}}.
 *
 * @param paperRows the paper's table (configs/reference/paper.yaml) whose rows matching our runs
 *     are shown beside them ({@code paper_rows: table1}); null for a table of the paper itself,
 *     which shows its paper table whole
 */
public record ExperimentMatrix(String file, String table, String title, String dataset, String paperRows, List<Run> runs) {

    /**
     * One cell of the matrix, with the config line it came from (for errors).
     *
     * @param t ReSTE's clip threshold ({@code t:}, default {@link PaperRecipe#T})
     * @param m ReSTE's small interval ({@code m:}, default {@link PaperRecipe#M})
     */
    public record Run(String backbone, String wa, String estimator, double oEnd, double t, double m, boolean indicators,
            Map<String, Double> estimatorArgs, int line) {}

    public static ExperimentMatrix load(Path file) {
        YamlBinder.Bound<MatrixFile> bound = YamlBinder.read(file, MatrixFile.class);
        MatrixFile f = bound.value();
        ConfigLines lines = bound.lines();
        List<MatrixFile.Block> blocks = lines.required(f.matrix(), "matrix");
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            runs.addAll(runs(lines, lines.itemPath("matrix", i), blocks.get(i)));
        }
        if (runs.isEmpty()) {
            throw lines.error("matrix", "the matrix expands to no runs");
        }
        return new ExperimentMatrix(file.toString(), lines.required(f.table(), "table"), lines.required(f.title(), "title"),
                lines.required(f.dataset(), "dataset"), f.paperRows(), runs);
    }

    /** The cross product of one block (at {@code at}); each run keeps the block's line. */
    private static List<Run> runs(ConfigLines lines, String at, MatrixFile.Block block) {
        if (block == null) {
            throw lines.error(at, "expected a mapping (key: value lines)");
        }
        // no o_end (or an empty list) trains the paper's
        List<Double> oEnds = block.oEnd() == null || block.oEnd().isEmpty() ? List.of(PaperRecipe.O_END)
                : lines.requiredItems(block.oEnd(), ConfigLines.field(at, "o_end"));
        for (int j = 0; j < oEnds.size(); j++) {
            if (oEnds.get(j) < 1) {
                throw lines.error(lines.itemPath(ConfigLines.field(at, "o_end"), j), "o_end must be >= 1, got " + oEnds.get(j));
            }
        }
        boolean indicators = block.indicators() != null && block.indicators();
        double t = block.t() != null ? block.t() : PaperRecipe.T;
        double m = block.m() != null ? block.m() : PaperRecipe.M;
        Map<String, Double> args = new TreeMap<>();
        if (block.estimatorArgs() != null) {
            block.estimatorArgs().forEach((name, value) ->
                    args.put(name, lines.required(value, ConfigLines.field(ConfigLines.field(at, "estimator_args"), name))));
        }
        int line = lines.line(at);
        List<Run> runs = new ArrayList<>();
        for (String backbone : lines.requiredItems(block.backbone(), ConfigLines.field(at, "backbone"))) {
            for (String wa : lines.requiredItems(block.wa(), ConfigLines.field(at, "wa"))) {
                for (String estimator : lines.requiredItems(block.estimator(), ConfigLines.field(at, "estimator"))) {
                    for (double oEnd : oEnds) {
                        runs.add(new Run(backbone, wa, estimator, oEnd, t, m, indicators, args, line));
                    }
                }
            }
        }
        return runs;
    }
}
