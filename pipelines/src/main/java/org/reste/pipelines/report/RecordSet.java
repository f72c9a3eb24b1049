package org.reste.pipelines.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.reste.tasks.io.Locations;
import org.reste.tasks.train.RecordCheck;
import org.reste.tasks.train.RunRecord;

/**
 * The run records under a {@code runs/} folder, by run id: what every table number comes from.
 * Each is checked as it is read ({@link RecordCheck}).
 */
public final class RecordSet {

    private final Map<String, RunRecord> records;

    private RecordSet(Map<String, RunRecord> records) {
        this.records = records;
    }

    public static RecordSet load(Path runsDir) {
        Map<String, RunRecord> records = new LinkedHashMap<>();
        if (Files.isDirectory(runsDir)) {
            try (Stream<Path> files = Files.list(runsDir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    String shown = Locations.show(file);
                    String text;
                    try {
                        text = Files.readString(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(shown + ": cannot read the run record", e);
                    }
                    RunRecord record = RecordCheck.read(shown, text);
                    RunRecord earlier = records.put(record.runId(), record);
                    if (earlier != null) {
                        throw new IllegalStateException(shown + ": field 'run_id': " + record.runId()
                                + " is also the run id of another record in " + Locations.show(runsDir));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(Locations.show(runsDir) + ": cannot list the run records", e);
            }
        }
        return new RecordSet(records);
    }

    public Optional<RunRecord> get(String runId) {
        return Optional.ofNullable(records.get(runId));
    }

    public Map<String, RunRecord> all() {
        return records;
    }
}
