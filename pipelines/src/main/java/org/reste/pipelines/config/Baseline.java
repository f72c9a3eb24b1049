package org.reste.pipelines.config;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accuracy a nightly profile is held to (configs/baselines/*.yaml): per run of its matrix, the
 * final top-1 of a blessed night, the drop it may take (absolute points) and where the number came
 * from. A row names its run by run id (the spec's hash), so it is compared only with the very
 * same spec; the human fields say what that run is.
 *
 * @param header the file's text before its {@code rows:} line (comments, profile, table), kept
 *     verbatim when the baseline is blessed again
 */
public record Baseline(String file, String profile, String table, double defaultTolerance, List<Row> rows,
        int rowsLine, String header) implements Serializable {

    private static final Set<String> KEYS = Set.of("profile", "table", "default_tolerance", "rows");
    private static final Set<String> ROW_KEYS = Set.of("run_id", "backbone", "wa", "estimator", "dataset", "epochs",
            "top1", "tolerance", "commit", "date", "record");

    /**
     * One blessed run.
     *
     * @param tolerance how far (absolute top-1 points) tonight may fall below {@code top1} and pass
     * @param commit, date, record where {@code top1} came from: the run record's commit and time, and its file
     * @param line the row's line in the file, for errors (0 for rows not read from a file)
     */
    public record Row(String runId, String backbone, String wa, String estimator, String dataset, int epochs,
            double top1, double tolerance, String commit, String date, String record, int line) implements Serializable {}

    public static Baseline load(Path file) {
        YamlNode root = YamlNode.load(file).onlyKeys(KEYS);
        double defaultTolerance = tolerance(root.get("default_tolerance"));
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int rowsLine = root.get("rows").line();
        if (root.has("rows")) {
            for (YamlNode row : root.get("rows").items()) {
                row.onlyKeys(ROW_KEYS);
                String runId = row.get("run_id").text();
                Integer earlier = seen.putIfAbsent(runId, row.line());
                if (earlier != null) {
                    throw row.get("run_id").error("run '" + runId + "' already has a row at line " + earlier);
                }
                YamlNode top1 = row.get("top1");
                if (top1.number() < 0 || top1.number() > 100) {
                    throw top1.error("top-1 is a percentage in [0, 100], got " + top1.text());
                }
                rows.add(new Row(runId, row.get("backbone").text(), row.get("wa").text(), row.get("estimator").text(),
                        row.get("dataset").text(), row.get("epochs").integer(), top1.number(),
                        row.has("tolerance") ? tolerance(row.get("tolerance")) : defaultTolerance,
                        row.text("commit", ""), row.text("date", ""), row.text("record", ""), row.line()));
            }
        }
        return new Baseline(file.toString(), root.get("profile").text(), root.get("table").text(), defaultTolerance,
                List.copyOf(rows), rowsLine, headerOf(file));
    }

    /** The tolerance of the row for {@code runId}, else the file's default (a blessed run keeps its own). */
    public double toleranceFor(String runId) {
        return rows.stream().filter(r -> r.runId().equals(runId)).mapToDouble(Row::tolerance).findFirst()
                .orElse(defaultTolerance);
    }

    /** This baseline's file text with {@code blessed} as its rows: the header as it was, then the rows. */
    public String yamlWith(List<Row> blessed) {
        StringBuilder out = new StringBuilder(header);
        out.append("rows:");
        if (blessed.isEmpty()) {
            return out.append(" []\n").toString();
        }
        out.append('\n');
        for (Row row : blessed) {
            out.append("  - run_id: ").append(quoted(row.runId())).append('\n');
            field(out, "backbone", quoted(row.backbone()));
            field(out, "wa", quoted(row.wa()));
            field(out, "estimator", quoted(row.estimator()));
            field(out, "dataset", quoted(row.dataset()));
            field(out, "epochs", Integer.toString(row.epochs()));
            field(out, "top1", number(row.top1()));
            field(out, "tolerance", number(row.tolerance()));
            field(out, "commit", quoted(row.commit()));
            field(out, "date", quoted(row.date()));
            field(out, "record", quoted(row.record()));
        }
        return out.toString();
    }

    /** Everything before the top-level {@code rows:} line, so blessing keeps the file's comments. */
    private static String headerOf(Path file) {
        try {
            StringBuilder header = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("rows:")) {
                    break;
                }
                header.append(line).append('\n');
            }
            return header.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": unreadable", e);
        }
    }

    private static double tolerance(YamlNode node) {
        double value = node.number();
        if (!(value >= 0)) {
            throw node.error("a tolerance is absolute top-1 points >= 0, got " + node.text());
        }
        return value;
    }

    private static void field(StringBuilder out, String key, String value) {
        out.append("    ").append(key).append(": ").append(value).append('\n');
    }

    private static String quoted(String value) {
        return '"' + (value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }

    /** The shortest exact decimal (60.25, not 60.250000001 or a rounded 60.3): a blessed number reads back equal. */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
