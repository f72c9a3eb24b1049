package org.reste.tasks.train;

import java.util.Optional;

/**
 * Where run records and checkpoints live. Every write is atomic: a reader sees the old object
 * or the new one, never half of one. Local directories now; Cloud Storage behind the same
 * interface.
 */
public interface RunStore {

    Optional<RunRecord> readRecord(String runId);

    void writeRecord(RunRecord record);

    Optional<byte[]> readCheckpoint(String runId);

    void writeCheckpoint(String runId, byte[] checkpoint);

    void deleteCheckpoint(String runId);

    /** Where the record of {@code runId} is (a path or URI), for messages. */
    String recordLocation(String runId);

    /** Where the run's checkpoint is, for messages. */
    String checkpointLocation(String runId);

    /** The run's lease file ({@link RunLease}): one writer per run. */
    java.nio.file.Path leaseFile(String runId);
}
