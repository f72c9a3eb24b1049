package org.reste.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.PaperRecipe;

/** Every field hashed into a run id can be set by a config: t and m in a matrix, momentum and weight_decay in a profile. */
class RecipeFieldsTest {

    @TempDir
    Path tmp;

    private static final String PROFILE = """
            profile: p
            title: "p"
            epochs: 1
            train_subset: 64
            test_subset: 32
            batch: 32
            test_batch: 32
            lr: 0.1
            warmup_epochs: 0
            seed: 0
            """;

    private static final String MATRIX = """
            table: table1
            title: "t"
            dataset: cifar10
            matrix:
              - {backbone: [resnet20], wa: ["1/1"], estimator: [reste]}
            """;

    private ExperimentSpec onlySpec(String profile, String matrix) throws IOException {
        Path p = Files.writeString(tmp.resolve("profile.yaml"), profile);
        Path m = Files.writeString(tmp.resolve("matrix.yaml"), matrix);
        List<PlannedRun> runs = MatrixExpander.expand(ExperimentMatrix.load(m), Profile.load(p), Set.of("cifar10"));
        assertEquals(1, runs.size());
        return runs.get(0).spec();
    }

    @Test
    void unsetFieldsAreThePapersRecipe() throws IOException {
        ExperimentSpec spec = onlySpec(PROFILE, MATRIX);
        assertEquals(PaperRecipe.T, spec.t());
        assertEquals(PaperRecipe.M, spec.m());
        assertEquals(PaperRecipe.MOMENTUM, spec.momentum());
        assertEquals(PaperRecipe.WEIGHT_DECAY, spec.weightDecay());
        assertEquals(PaperRecipe.O_END, spec.oEnd());
    }

    @Test
    void configsSetEveryHashedFieldAndTheRunIdFollows() throws IOException {
        ExperimentSpec paper = onlySpec(PROFILE, MATRIX);
        ExperimentSpec changed = onlySpec(PROFILE + "momentum: 0.8\nweight_decay: 0\n",
                MATRIX.replace("estimator: [reste]}", "estimator: [reste], t: 2.0, m: 0.2}"));
        assertEquals(0.8, changed.momentum());
        assertEquals(0.0, changed.weightDecay());
        assertEquals(2.0, changed.t());
        assertEquals(0.2, changed.m());
        assertNotEquals(paper.runId(), changed.runId());
        assertEquals(paper.toBuilder().momentum(0.8).weightDecay(0).t(2.0).m(0.2).build(), changed);
    }

    @Test
    void aBadValueNamesTheConfigLineAndField() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> onlySpec(PROFILE,
                MATRIX.replace("estimator: [reste]}", "estimator: [reste], t: 0.05}")));
        assertTrue(e.getMessage().contains("matrix.yaml:5: field 't/m': need t > m > 0"), e.getMessage());
        ConfigException momentum = assertThrows(ConfigException.class, () -> onlySpec(PROFILE + "momentum: 1.5\n", MATRIX));
        assertTrue(momentum.getMessage().contains("profile.yaml:11: field 'momentum': must be in [0, 1), got 1.5"),
                momentum.getMessage());
    }
}
