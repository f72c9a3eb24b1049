package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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
    void theBuilderStartsFromThePapersRecipe() {
        ExperimentSpec paper = ExperimentSpec.paperDefaults();
        assertEquals(new ExperimentSpec("resnet20", "1/1", "reste", 3.0, 1.5, 0.1, Map.of(), "cifar10", 0, 0, 1000, 256, 128,
                0.1, 0.9, 1e-4, 5, 0, false), paper);
        assertEquals(paper, paper.toBuilder().build());
        assertEquals(new ExperimentSpec.Recipe(1000, 256, 128, 0.1, 0.9, 1e-4, 5), paper.recipe());
        assertEquals(new ExperimentSpec.Estimation("reste", 3.0, 1.5, 0.1, Map.of()), paper.estimation());
    }

    /** Every record committed under results/ keeps its run id: its spec, read and rebuilt, hashes to it. */
    @Test
    void everyCommittedRunIdStays() throws java.io.IOException {
        java.nio.file.Path results = java.nio.file.Path.of(System.getProperty("reste.root", "..")).resolve("results");
        java.util.List<java.nio.file.Path> records;
        try (var files = java.nio.file.Files.walk(results)) {
            records = files.filter(f -> f.getParent().getFileName().toString().equals("runs") && f.toString().endsWith(".json"))
                    .toList();
        }
        assertTrue(records.size() > 50, "found the committed records: " + records.size());
        for (java.nio.file.Path file : records) {
            RunRecord record = RecordCheck.read(file.toString(), java.nio.file.Files.readString(file));
            assertEquals(record.runId(), record.spec().toBuilder().build().runId(), file.toString());
        }
    }

    @Test
    void roundTripsThroughJson() {
        ExperimentSpec spec = TrainingFixtures.spec("ste", 2, 64, 0.05);
        assertEquals(spec, Json.read(Json.write(spec), ExperimentSpec.class));
    }

    @Test
    void specsWithoutEstimatorArgsKeepTheirRunIds() {
        // The spec of results/runs/resnet20-1w1a-reste-03489b7c1837.json, written before estimator_args existed.
        ExperimentSpec spec = ExperimentSpec.builder().trainSubset(10000).epochs(3).batch(128).testBatch(128)
                .warmupEpochs(0).build();
        assertEquals("resnet20-1w1a-reste-03489b7c1837", spec.runId());
        assertFalse(Json.write(spec).contains("estimator_args"), Json.write(spec));
        String old = Json.write(spec);
        assertEquals(spec, Json.read(old, ExperimentSpec.class));
        assertEquals(Map.of(), Json.read(old, ExperimentSpec.class).estimatorArgs());
    }

    @Test
    void estimatorArgsAreCompletedRecordedAndHashed() {
        ExperimentSpec ede = TrainingFixtures.spec("ede", 3, 128, 0.1);
        assertEquals(Map.of("tmin", 0.1, "tmax", 10.0), ede.estimatorArgs());
        assertTrue(Json.write(ede).contains("\"estimator_args\""), Json.write(ede));
        ExperimentSpec irNetCode = ede.withEstimatorArgs(Map.of("tmin", 1e-3));
        assertEquals(Map.of("tmin", 1e-3, "tmax", 10.0), irNetCode.estimatorArgs());
        assertNotEquals(ede.runId(), irNetCode.runId());
        assertEquals(ede.runId(), ede.withEstimatorArgs(Map.of("tmin", 0.1)).runId(), "defaults spelt out: same run");
        assertEquals(irNetCode, Json.read(Json.write(irNetCode), ExperimentSpec.class));
        assertEquals(irNetCode.estimatorArgs(), irNetCode.withEpochs(5).withIndicators(true).estimatorArgs());
        assertEquals(1e-3, irNetCode.estimatorOptions().extra("tmin", 0.1));
    }

    @Test
    void badEstimatorArgsNameTheField() {
        ExperimentSpec ede = TrainingFixtures.spec("ede", 3, 128, 0.1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ede.withEstimatorArgs(Map.of("alpha", 0.2)));
        assertEquals("estimator_args: estimator 'ede' has no option 'alpha'; its options: tmax (default 10.0),"
                + " tmin (default 0.1)", unknown.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> ede.withEstimatorArgs(Map.of("tmin", 100.0)));
        assertEquals("estimator_args: ede: need 0 < tmin <= tmax, got tmin=100.0, tmax=10.0", value.getMessage());
        IllegalArgumentException dsq = assertThrows(IllegalArgumentException.class,
                () -> TrainingFixtures.spec("dsq", 3, 128, 0.1).withEstimatorArgs(Map.of("alpha", 1.0)));
        assertEquals("estimator_args: dsq: alpha must be in (0, 1), got 1.0", dsq.getMessage());
        IllegalArgumentException reste = assertThrows(IllegalArgumentException.class,
                () -> TrainingFixtures.spec("reste", 3, 128, 0.1).withEstimatorArgs(Map.of("tmin", 1.0)));
        assertEquals("estimator_args: estimator 'reste' has no option 'tmin'; it has no options", reste.getMessage());
    }

    @Test
    void badFieldsNameTheField() {
        IllegalArgumentException backbone = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpec.builder().backbone("resnet99").build());
        assertTrue(backbone.getMessage().startsWith("backbone: unknown backbone 'resnet99'"), backbone.getMessage());
        IllegalArgumentException wa = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpec.builder().wa("2/2").build());
        assertTrue(wa.getMessage().startsWith("wa: "), wa.getMessage());
        IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpec.builder().epochs(0).build());
        assertTrue(epochs.getMessage().startsWith("epochs: "), epochs.getMessage());
    }
}
