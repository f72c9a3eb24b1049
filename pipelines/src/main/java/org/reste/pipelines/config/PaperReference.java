package org.reste.pipelines.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paper's published numbers (configs/reference/paper.yaml): every row of its Tables 1-3 and
 * the official README's per-run epochs and batch. Only ever shown beside ours.
 */
public record PaperReference(Map<String, Table> tables, List<Setting> officialSettings)
        implements java.io.Serializable {

    private static final Set<String> ROW_KEYS = Set.of("backbone", "wa", "method", "ref", "estimator", "auxiliary",
            "top1", "top5", "type", "rational", "flexible", "dagger", "source", "note");
    private static final Set<String> SETTING_KEYS =
            Set.of("dataset", "backbone", "wa", "epochs", "batch", "o_end", "top1", "top5", "source", "note", "paper_data");
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
        YamlNode root = YamlNode.load(file);
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : root.get("tables").entries().entrySet()) {
            YamlNode table = entry.getValue().onlyKeys(Set.of("title", "dataset", "metric", "rows"));
            List<Row> rows = new ArrayList<>();
            for (YamlNode row : table.get("rows").items()) {
                row.onlyKeys(ROW_KEYS);
                rows.add(new Row(row.get("backbone").text(), row.get("wa").text(), row.get("method").text(),
                        row.has("ref") ? row.get("ref").integer() : null,
                        row.has("estimator") ? row.get("estimator").text() : null,
                        row.has("auxiliary") ? oneOf(row.get("auxiliary"), AUXILIARIES) : null,
                        row.has("top1") ? row.get("top1").number() : null,
                        row.has("top5") ? row.get("top5").number() : null,
                        row.has("type") ? row.get("type").text() : null,
                        row.has("rational") ? row.get("rational").bool() : null,
                        row.has("flexible") ? oneOf(row.get("flexible"), FLEXIBILITIES) : null,
                        row.has("dagger") && row.get("dagger").bool(),
                        row.has("source") ? row.get("source").text() : null));
            }
            tables.put(entry.getKey(), new Table(entry.getKey(), table.get("title").text(),
                    table.get("dataset").text(), rows));
        }
        List<Setting> settings = new ArrayList<>();
        if (root.has("official_settings")) {
            for (YamlNode s : root.get("official_settings").items()) {
                s.onlyKeys(SETTING_KEYS);
                settings.add(new Setting(s.get("dataset").text(), s.get("backbone").text(), s.get("wa").text(),
                        s.get("epochs").integer(), s.get("batch").integer()));
            }
        }
        return new PaperReference(tables, settings);
    }

    private static String oneOf(YamlNode node, List<String> allowed) {
        String value = node.text();
        if (!allowed.contains(value)) {
            throw node.error("expected one of " + String.join(", ", allowed) + ", got '" + value + "'");
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
