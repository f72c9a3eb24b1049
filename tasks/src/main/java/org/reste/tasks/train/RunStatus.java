package org.reste.tasks.train;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a run stands. Finished and diverged runs are final; the others resume. */
public enum RunStatus {
    RUNNING,
    FINISHED,
    DIVERGED,
    FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this == FINISHED || this == DIVERGED;
    }
}
