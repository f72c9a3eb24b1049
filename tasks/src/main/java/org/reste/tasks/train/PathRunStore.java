package org.reste.tasks.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.reste.tasks.io.AtomicFiles;
import org.reste.tasks.io.CloudObjects;
import org.reste.tasks.io.Locations;

/**
 * Run records as {@code <root>/runs/<run_id>.json} and checkpoints as
 * {@code <root>/checkpoints/<run_id>.ckpt}, under a local folder or a gs:// prefix (a path from
 * {@link Locations}); every write goes through {@link AtomicFiles}.
 */
public final class PathRunStore implements RunStore {

    private final Path runs;
    private final Path checkpoints;
    private final Path leases;

    /** @throws IllegalArgumentException when {@code root} is on Cloud Storage and its bucket does not exist */
    public PathRunStore(Path root) {
        CloudObjects.requireBucket(root);
        this.runs = root.resolve("runs");
        this.checkpoints = root.resolve("checkpoints");
        this.leases = root.resolve("leases");
    }

    @Override
    public Optional<RunRecord> readRecord(String runId) {
        Path path = runs.resolve(runId + ".json");
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(path) + ": cannot read the run record", e);
        }
        return Optional.of(RecordCheck.read(Locations.show(path), text));
    }

    @Override
    public void writeRecord(RunRecord record) {
        AtomicFiles.write(runs.resolve(record.runId() + ".json"), Json.write(record).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<byte[]> readCheckpoint(String runId) {
        Path path = checkpointPath(runId);
        try {
            return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(path) + ": unreadable checkpoint", e);
        }
    }

    @Override
    public void writeCheckpoint(String runId, byte[] checkpoint) {
        AtomicFiles.write(checkpointPath(runId), checkpoint);
    }

    @Override
    public void deleteCheckpoint(String runId) {
        Path path = checkpointPath(runId);
        AtomicFiles.removeLeftovers(path); // what a write killed mid-way left
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(Locations.show(path) + ": cannot delete the checkpoint", e);
        }
    }

    @Override
    public String recordLocation(String runId) {
        return Locations.show(runs.resolve(runId + ".json"));
    }

    @Override
    public Path leaseFile(String runId) {
        return leases.resolve(runId + ".lease");
    }

    @Override
    public String checkpointLocation(String runId) {
        return Locations.show(checkpointPath(runId));
    }

    private Path checkpointPath(String runId) {
        return checkpoints.resolve(runId + ".ckpt");
    }
}
