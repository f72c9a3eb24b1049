package org.reste.pipelines.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's published numbers (configs/reference/paper.yaml): every row of its Tables 1-3 and
 * the official README's per-run epochs and batch. Only ever shown beside ours.
 */
public record PaperReference(Map<String, Table> tables, List<Setting> officialSettings)
        implements java.io.Serializable {

    /** The paper's "Auxiliary" column: "-", "Module", "Loss". */
    public static final List<String> AUXILIARIES = List.of("none", "module", "loss");
    /** Table 3's "Flexible" column: "Flexible", "Little flexible", "Not flexible". */
    public static final List<String> FLEXIBILITIES = List.of("flexible", "little", "not");

    /** One published table, its rows in the paper's order. */
    public record Table(String id, String title, String dataset, List<Row> rows) implements java.io.Serializable {}

    /**
     * One published row. {@code estimator} is null for methods we cannot rebuild as an estimator;
     * {@code ref} is the citation number printed beside the method, null where none is;
     * {@code auxiliary} is none, module or loss (null where the table has no such column).
     * {@code type}, {@code rational} and {@code flexible} are Table 3's columns (null elsewhere);
     * {@code dagger} is Table 3's "†": the estimator used without its method's additional modules.
     */
    public record Row(String backbone, String wa, String method, Integer ref, String estimator, String auxiliary,
            Double top1, Double top5, String type, Boolean rational, String flexible, boolean dagger, String source)
            implements java.io.Serializable {}

    /** How the official README trained a setting. */
    public record Setting(String dataset, String backbone, String wa, int epochs, int batch)
            implements java.io.Serializable {}

    public static PaperReference load(Path file) {
        YamlBinder.Bound<PaperFile> bound = YamlBinder.read(file, PaperFile.class);
        ConfigLines lines = bound.lines();
        Map<String, Table> tables = new LinkedHashMap<>();
        lines.required(bound.value().tables(), "tables").forEach((id, table) ->
                tables.put(id, table(lines, ConfigLines.field("tables", id), id, table)));
        List<Setting> settings = new ArrayList<>();
        List<PaperFile.Setting> written = bound.value().officialSettings();
        for (int i = 0; written != null && i < written.size(); i++) {
            String at = lines.itemPath("official_settings", i);
            PaperFile.Setting s = lines.required(written.get(i), at);
            settings.add(new Setting(lines.required(s.dataset(), ConfigLines.field(at, "dataset")),
                    lines.required(s.backbone(), ConfigLines.field(at, "backbone")),
                    lines.required(s.wa(), ConfigLines.field(at, "wa")),
                    lines.required(s.epochs(), ConfigLines.field(at, "epochs")),
                    lines.required(s.batch(), ConfigLines.field(at, "batch"))));
        }
        return new PaperReference(tables, settings);
    }

    private static Table table(ConfigLines lines, String at, String id, PaperFile.Table table) {
        lines.required(table, at);
        List<Row> rows = new ArrayList<>();
        List<PaperFile.Row> written = lines.required(table.rows(), ConfigLines.field(at, "rows"));
        for (int i = 0; i < written.size(); i++) {
            String rowAt = lines.itemPath(ConfigLines.field(at, "rows"), i);
            PaperFile.Row r = lines.required(written.get(i), rowAt);
            rows.add(new Row(lines.required(r.backbone(), ConfigLines.field(rowAt, "backbone")),
                    lines.required(r.wa(), ConfigLines.field(rowAt, "wa")),
                    lines.required(r.method(), ConfigLines.field(rowAt, "method")),
                    r.ref(), r.estimator(),
                    oneOf(lines, ConfigLines.field(rowAt, "auxiliary"), r.auxiliary(), AUXILIARIES),
                    r.top1(), r.top5(), r.type(), r.rational(),
                    oneOf(lines, ConfigLines.field(rowAt, "flexible"), r.flexible(), FLEXIBILITIES),
                    r.dagger() != null && r.dagger(), r.source()));
        }
        return new Table(id, lines.required(table.title(), ConfigLines.field(at, "title")),
                lines.required(table.dataset(), ConfigLines.field(at, "dataset")), rows);
    }

    /** {@code value} (optional) if it is one of {@code allowed}. */
    private static String oneOf(ConfigLines lines, String path, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw lines.error(path, "expected one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return value;
    }

    /** The official epochs for a setting: its own line if there is one, else the dataset's usual budget. */
    public int paperEpochs(String dataset, String backbone, String wa) {
        for (Setting s : officialSettings) {
            if (s.dataset().equals(dataset) && s.backbone().equals(backbone) && s.wa().equals(wa)) {
                return s.epochs();
            }
        }
        for (Setting s : officialSettings) {
            if (s.dataset().equals(dataset) && s.backbone().equals(backbone)) {
                return s.epochs();
            }
        }
        return dataset.equals("imagenet") ? 250 : 1000;
    }
}
