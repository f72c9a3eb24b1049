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

/**
 * The accuracy a nightly profile is held to (configs/baselines/*.yaml): per row of its matrix (a
 * spec over the profile's seeds), the mean and sample standard deviation of the best top-1 of a
 * blessed night, the drop it may take and where the numbers came from. A row names its spec by
 * row id (the hash of the spec without its seed, {@code ExperimentSpec.seedlessId}), so it is
 * compared only with the very same recipe; the human fields say what that row is.
 *
 * <p>Tonight's mean fails when it falls below the baseline mean by more than
 * max(tolerance, k_std x std). Why k_std = 2 by default: with n seeds on both nights, the
 * difference of the two means has a standard deviation of std x sqrt(2/n) when nothing changed,
 * so a drop of 2 std is 2.4 such deviations at n = 3 (a false alarm about once in 120 nights per
 * row) and 2 at n = 2 (once in 45), while a real loss of 2 std is caught half the time or more.
 *
 * @param header the file's text before its {@code rows:} line (comments, profile, table), kept
 *     verbatim when the baseline is blessed again
 */
public record Baseline(String file, String profile, String table, double defaultTolerance, double kStd, List<Row> rows,
        int rowsLine, String header) implements Serializable {

    /** The default of {@code k_std} (see the class comment). */
    public static final double DEFAULT_K_STD = 2.0;

    /**
     * One blessed row.
     *
     * @param seeds the seeds of the blessed night
     * @param top1 the mean over those seeds of the best top-1 (see RegressionCheck for why best)
     * @param std the sample standard deviation over the seeds; null for one seed
     * @param tolerance the drop (absolute top-1 points) tonight's mean may always take and pass
     * @param commit, date, records where the numbers came from: the records' commit and latest time, and their files
     * @param line the row's line in the file, for errors (0 for rows not read from a file)
     */
    public record Row(String rowId, String backbone, String wa, String estimator, String dataset, int epochs,
            List<Long> seeds, double top1, Double std, double tolerance, String commit, String date, List<String> records,
            int line) implements Serializable {

        /** How far tonight's mean may fall and pass: max(tolerance, k_std x std). */
        public double allowedDrop(double kStd) {
            return std == null ? tolerance : Math.max(tolerance, kStd * std);
        }
    }

    public static Baseline load(Path file) {
        YamlBinder.Bound<BaselineFile> bound = YamlBinder.read(file, BaselineFile.class);
        BaselineFile f = bound.value();
        ConfigLines lines = bound.lines();
        double defaultTolerance = tolerance(lines, "default_tolerance", lines.required(f.defaultTolerance(), "default_tolerance"));
        double kStd = f.kStd() != null ? nonNegative(lines, "k_std", f.kStd(), "k_std is a number of standard deviations >= 0")
                : DEFAULT_K_STD;
        if (!lines.has("rows")) {
            throw lines.error("rows", "missing");
        }
        // "rows:" with nothing after it is no rows, as "rows: []" is
        List<BaselineFile.Row> written = f.rows() == null ? List.of() : f.rows();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < written.size(); i++) {
            String at = lines.itemPath("rows", i);
            Row row = row(lines, at, written.get(i), defaultTolerance);
            Integer earlier = seen.putIfAbsent(row.rowId(), row.line());
            if (earlier != null) {
                throw lines.error(ConfigLines.field(at, "row_id"), "row '" + row.rowId() + "' already has a row at line " + earlier);
            }
            rows.add(row);
        }
        return new Baseline(file.toString(), lines.required(f.profile(), "profile"), lines.required(f.table(), "table"),
                defaultTolerance, kStd, List.copyOf(rows), lines.line("rows"), headerOf(file));
    }

    /** One written row (at {@code at}), checked; its tolerance defaults to the file's. */
    private static Row row(ConfigLines lines, String at, BaselineFile.Row r, double defaultTolerance) {
        if (r == null) {
            throw lines.error(at, "expected a mapping (key: value lines)");
        }
        String rowId = lines.required(r.rowId(), ConfigLines.field(at, "row_id"));
        String top1Path = ConfigLines.field(at, "top1");
        double top1 = lines.required(r.top1(), top1Path);
        if (top1 < 0 || top1 > 100) {
            throw lines.error(top1Path, "top-1 is a percentage in [0, 100], got " + lines.text(top1Path));
        }
        String seedsPath = ConfigLines.field(at, "seeds");
        List<Long> seeds = lines.requiredItems(r.seeds(), seedsPath).stream().map(Integer::longValue).toList();
        if (seeds.isEmpty()) {
            throw lines.error(seedsPath, "a row holds at least one seed");
        }
        Double std = r.std() != null ? nonNegative(lines, ConfigLines.field(at, "std"), r.std(), "a standard deviation is >= 0")
                : null;
        if (std == null && seeds.size() > 1) {
            throw lines.error(seedsPath, "a row over " + seeds.size() + " seeds needs their std");
        }
        List<String> records = r.records() == null ? List.of() : lines.requiredItems(r.records(), ConfigLines.field(at, "records"));
        return new Row(rowId, lines.required(r.backbone(), ConfigLines.field(at, "backbone")),
                lines.required(r.wa(), ConfigLines.field(at, "wa")),
                lines.required(r.estimator(), ConfigLines.field(at, "estimator")),
                lines.required(r.dataset(), ConfigLines.field(at, "dataset")),
                lines.required(r.epochs(), ConfigLines.field(at, "epochs")), seeds, top1, std,
                r.tolerance() != null ? tolerance(lines, ConfigLines.field(at, "tolerance"), r.tolerance()) : defaultTolerance,
                r.commit() != null ? r.commit() : "", r.date() != null ? r.date() : "", List.copyOf(records), lines.line(at));
    }

    /** The tolerance of the row {@code rowId}, else the file's default (a blessed row keeps its own). */
    public double toleranceFor(String rowId) {
        return rows.stream().filter(r -> r.rowId().equals(rowId)).mapToDouble(Row::tolerance).findFirst()
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
            out.append("  - row_id: ").append(quoted(row.rowId())).append('\n');
            field(out, "backbone", quoted(row.backbone()));
            field(out, "wa", quoted(row.wa()));
            field(out, "estimator", quoted(row.estimator()));
            field(out, "dataset", quoted(row.dataset()));
            field(out, "epochs", Integer.toString(row.epochs()));
            field(out, "seeds", "[" + String.join(", ", row.seeds().stream().map(String::valueOf).toList()) + "]");
            field(out, "top1", number(row.top1()));
            if (row.std() != null) {
                field(out, "std", number(row.std()));
            }
            field(out, "tolerance", number(row.tolerance()));
            field(out, "commit", quoted(row.commit()));
            field(out, "date", quoted(row.date()));
            out.append("    records:\n");
            row.records().forEach(record -> out.append("      - ").append(quoted(record)).append('\n'));
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

    private static double tolerance(ConfigLines lines, String path, double value) {
        return nonNegative(lines, path, value, "a tolerance is absolute top-1 points >= 0");
    }

    private static double nonNegative(ConfigLines lines, String path, double value, String rule) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw lines.error(path, rule + ", got " + lines.text(path));
        }
        return value;
    }

    private static void field(StringBuilder out, String key, String value) {
        out.append("    ").append(key).append(": ").append(value).append('\n');
    }

    private static String quoted(String value) {
        return '"' + (value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }

    /**
     * A blessed number to 4 decimals, trailing zeros dropped (60.25, not 60.250000001): a mean of
     * percentages of a finite test set needs no more, and the file reads back as written.
     */
    private static String number(double value) {
        return BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
