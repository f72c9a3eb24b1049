package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExperimentSpecTest {

    @Test
    void runIdIsAStableContentHash() {
        ExperimentSpec a = TrainingFixtures.spec("reste", 3, 128, 0.1);
        ExperimentSpec b = TrainingFixtures.spec("reste", 3, 128, 0.1);
        assertEquals(a.runId(), b.runId());
        assertNotEquals(a.runId(), a.withEpochs(4).runId());
        assertTrue(a.runId().startsWith("resnet20-1w1a-reste-"), a.runId());
    }

    @Test
    void roundTripsThroughJson() {
        ExperimentSpec spec = TrainingFixtures.spec("ste", 2, 64, 0.05);
        assertEquals(spec, Json.read(Json.write(spec), ExperimentSpec.class));
    }

    @Test
    void badFieldsNameTheField() {
        IllegalArgumentException backbone = assertThrows(IllegalArgumentException.class,
                () -> new ExperimentSpec("resnet99", "1/1", "reste", 3, 1.5, 0.1, "cifar10", 0, 0, 1, 64, 64, 0.1, 0.9, 1e-4, 0, 0, false));
        assertTrue(backbone.getMessage().startsWith("backbone: unknown backbone 'resnet99'"), backbone.getMessage());
        IllegalArgumentException wa = assertThrows(IllegalArgumentException.class,
                () -> new ExperimentSpec("resnet20", "2/2", "reste", 3, 1.5, 0.1, "cifar10", 0, 0, 1, 64, 64, 0.1, 0.9, 1e-4, 0, 0, false));
        assertTrue(wa.getMessage().startsWith("wa: "), wa.getMessage());
        IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class,
                () -> new ExperimentSpec("resnet20", "1/1", "reste", 3, 1.5, 0.1, "cifar10", 0, 0, 0, 64, 64, 0.1, 0.9, 1e-4, 0, 0, false));
        assertTrue(epochs.getMessage().startsWith("epochs: "), epochs.getMessage());
    }
}
