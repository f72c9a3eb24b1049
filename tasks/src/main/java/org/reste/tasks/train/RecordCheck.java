package org.reste.tasks.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * A run record is checked when read (for a table, a gate, a resume or a skip), not trusted: it is
 * JSON without a key given twice, its accuracies are
 * numbers in [0, 100] (a string is not quietly converted), a finished run has them, its epoch
 * list is as long as the epochs it says it ran, and its spec still hashes to its run id (an
 * edited spec is another run). Each problem is one message naming the file and the field. The
 * one reader of records: the run store's and the report's.
 */
public final class RecordCheck {

    private static final List<String> ACCURACIES = List.of("final_top1", "best_top1", "final_top5", "best_top5");

    private RecordCheck() {}

    /**
     * The record in {@code text}, read from {@code file} (as shown in messages), once checked.
     *
     * @throws IllegalStateException naming the file and the field (or JSON's line), for the first problem found
     */
    public static RunRecord read(String file, String text) {
        JsonNode raw;
        RunRecord record;
        try {
            raw = Json.mapper().readTree(text);
            record = Json.mapper().treeToValue(raw, RunRecord.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": unreadable run record: " + e.getMessage(), e);
        }
        check(file, raw, record);
        return record;
    }

    static void check(String file, JsonNode raw, RunRecord record) {
        if (raw.get("spec") == null || raw.get("spec").isNull() || record.spec() == null) {
            throw problem(file, "spec", "missing: a record without its spec cannot be matched to any table row");
        }
        if (record.runId() == null || record.status() == null) {
            throw problem(file, record.runId() == null ? "run_id" : "status", "missing");
        }
        for (String field : ACCURACIES) {
            JsonNode value = raw.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isNumber()) {
                    throw problem(file, field, "a percentage is a number, got " + value);
                }
                double number = value.asDouble();
                if (!(number >= 0 && number <= 100)) {
                    throw problem(file, field, "a percentage is in [0, 100], got " + value);
                }
            }
        }
        if (record.status() == RunStatus.FINISHED && (record.finalTop1() == null || record.bestTop1() == null)) {
            throw problem(file, record.finalTop1() == null ? "final_top1" : "best_top1", "null on a finished run");
        }
        if (record.epochs().size() != record.epochsRun()) {
            throw problem(file, "epochs", "lists " + record.epochs().size() + " epochs but epochs_run is " + record.epochsRun());
        }
        String hashed = record.spec().runId();
        if (!hashed.equals(record.runId())) {
            throw problem(file, "spec", "hashes to run id " + hashed + ", not to the record's " + record.runId()
                    + " (an edited spec is another run)");
        }
    }

    private static IllegalStateException problem(String file, String field, String what) {
        return new IllegalStateException(file + ": field '" + field + "': " + what);
    }
}
