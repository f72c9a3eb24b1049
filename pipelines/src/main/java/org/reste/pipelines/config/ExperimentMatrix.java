package org.reste.pipelines.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final Set<String> KEYS = Set.of("table", "title", "dataset", "paper_rows", "matrix");
    private static final Set<String> BLOCK_KEYS =
            Set.of("backbone", "wa", "estimator", "o_end", "t", "m", "indicators", "estimator_args");

    /**
     * One cell of the matrix, with the config line it came from (for errors).
     *
     * @param t ReSTE's clip threshold ({@code t:}, default {@link PaperRecipe#T})
     * @param m ReSTE's small interval ({@code m:}, default {@link PaperRecipe#M})
     */
    public record Run(String backbone, String wa, String estimator, double oEnd, double t, double m, boolean indicators,
            Map<String, Double> estimatorArgs, int line) {}

    public static ExperimentMatrix load(Path file) {
        YamlNode root = YamlNode.load(file).onlyKeys(KEYS);
        List<Run> runs = new ArrayList<>();
        for (YamlNode block : root.get("matrix").items()) {
            block.onlyKeys(BLOCK_KEYS);
            List<YamlNode> oEnds = block.has("o_end") ? block.get("o_end").items() : List.of();
            boolean indicators = block.has("indicators") && block.get("indicators").bool();
            double t = block.number("t", PaperRecipe.T);
            double m = block.number("m", PaperRecipe.M);
            Map<String, Double> args = new TreeMap<>();
            if (block.has("estimator_args")) {
                for (Map.Entry<String, YamlNode> arg : block.get("estimator_args").entries().entrySet()) {
                    args.put(arg.getKey(), arg.getValue().number());
                }
            }
            for (YamlNode backbone : block.get("backbone").items()) {
                for (YamlNode wa : block.get("wa").items()) {
                    for (YamlNode estimator : block.get("estimator").items()) {
                        if (oEnds.isEmpty()) {
                            runs.add(new Run(backbone.text(), wa.text(), estimator.text(), PaperRecipe.O_END, t, m, indicators, args,
                                    block.line()));
                        }
                        for (YamlNode oEnd : oEnds) {
                            double value = oEnd.number();
                            if (value < 1) {
                                throw oEnd.error("o_end must be >= 1, got " + value);
                            }
                            runs.add(new Run(backbone.text(), wa.text(), estimator.text(), value, t, m, indicators, args, block.line()));
                        }
                    }
                }
            }
        }
        if (runs.isEmpty()) {
            throw root.get("matrix").error("the matrix expands to no runs");
        }
        return new ExperimentMatrix(file.toString(), root.get("table").text(), root.get("title").text(),
                root.get("dataset").text(), root.has("paper_rows") ? root.get("paper_rows").text() : null, runs);
    }
}
