package org.reste.pipelines.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * configs/reference/paper.yaml as written; {@link PaperReference#load} checks it. Fields only for
 * people (the paper's citation, the sources, notes, the README's accuracies) are declared so that a
 * misspelt field is still refused, but nothing reads them.
 */
record PaperFile(JsonNode paper, JsonNode sources, Map<String, Table> tables, List<Setting> officialSettings) {

    record Table(String title, String dataset, List<String> metric, List<Row> rows) {}

    record Row(String backbone, String wa, String method, Integer ref, String estimator, String auxiliary, Double top1,
            Double top5, String type, Boolean rational, String flexible, Boolean dagger, String source, String note) {}

    record Setting(String dataset, String backbone, String wa, Integer epochs, Integer batch, Double oEnd, Double top1,
            Double top5, String source, String note, Boolean paperData) {}
}
