package org.reste.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configs bind strictly (Jackson YAML into records): every committed config still loads, and
 * every bad input is one message naming the file, the line and the field.
 */
class ConfigBindingTest {

    private static final Path CONFIGS = Path.of(System.getProperty("reste.root", "..")).resolve("configs");

    private static final String PROFILE = """
            profile: p
            title: t
            epochs: 1
            train_subset: 0
            test_subset: 0
            batch: 2
            test_batch: 2
            lr: 0.1
            warmup_epochs: 0
            seed: 0
            """;

    private static final String MATRIX = """
            table: t
            title: x
            dataset: cifar10
            matrix:
              - {backbone: resnet20, wa: "1/1", estimator: ste}
            """;

    @TempDir
    Path tmp;

    @Test
    void everyCommittedConfigLoads() throws IOException {
        for (String kind : List.of("profiles", "experiments", "baselines")) {
            try (var files = Files.list(CONFIGS.resolve(kind))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    switch (kind) {
                        case "profiles" -> Profile.load(file);
                        case "experiments" -> ExperimentMatrix.load(file);
                        default -> Baseline.load(file);
                    }
                }
            }
        }
        PaperReference.load(CONFIGS.resolve("reference/paper.yaml"));
    }

    private String error(String text, Function<Path, ?> load) throws IOException {
        Path file = Files.writeString(tmp.resolve("c.yaml"), text);
        String message = assertThrows(ConfigException.class, () -> load.apply(file)).getMessage();
        assertTrue(message.startsWith(file + ":"), message);
        return message.substring(file.toString().length());
    }

    @Test
    void valuesOfTheWrongKindSayWhatWasExpected() throws IOException {
        assertEquals(":3: field 'epochs': expected a whole number, got '1.5'",
                error(PROFILE.replace("epochs: 1", "epochs: 1.5"), Profile::load), "not truncated to 1 epoch");
        assertEquals(":8: field 'lr': expected a number, got 'fast'", error(PROFILE.replace("lr: 0.1", "lr: fast"), Profile::load));
        assertEquals(":2: field 'title': expected a single value", error(PROFILE.replace("title: t", "title: [a, b]"), Profile::load));
        assertEquals(":10: field 'seeds': expected a list, got '3'", error(PROFILE.replace("seed: 0", "seeds: 3"), Profile::load));
        assertEquals(":12: field 'per_backbone.resnet18': expected a mapping (key: value lines), got '96'",
                error(PROFILE + "per_backbone:\n  resnet18: 96\n", Profile::load));
        assertEquals(":5: field 'matrix[0].indicators': expected true or false, got 'maybe'",
                error(MATRIX.replace("estimator: ste", "estimator: ste, indicators: maybe"), ExperimentMatrix::load));
        assertEquals(":5: field 'matrix[0].estimator_args.alpha': expected a number, got 'x'",
                error(MATRIX.replace("estimator: ste", "estimator: ste, estimator_args: {alpha: x}"), ExperimentMatrix::load));
    }

    @Test
    void unknownFieldsAreRefusedEverywhereWithTheAllowedOnes() throws IOException {
        assertEquals(":12: field 'per_backbone.resnet18.btch': unknown field; allowed: batch, epochs, lr, momentum,"
                + " test_batch, test_subset, train_subset, warmup_epochs, weight_decay",
                error(PROFILE + "per_backbone:\n  resnet18: {btch: 9}\n", Profile::load));
        assertEquals(":2: field 'extra': unknown field; allowed: official_settings, paper, sources, tables",
                error("tables: {}\nextra: 1\n", PaperReference::load), "paper.yaml's top level is checked too");
    }

    @Test
    void keysGivenTwiceAreRefusedInNestedMappingsToo() throws IOException {
        assertEquals(":12: field 'per_backbone.resnet18.batch': given twice (first at line 12)",
                error(PROFILE + "per_backbone:\n  resnet18: {batch: 9, batch: 10}\n", Profile::load));
    }

    @Test
    void missingAndEmptyValuesNameTheirField() throws IOException {
        assertEquals(":5: field 'matrix[0].wa': missing", error(MATRIX.replace("wa: \"1/1\", ", ""), ExperimentMatrix::load));
        assertEquals(":5: field 'matrix[0].estimator[1]': missing",
                error(MATRIX.replace("estimator: ste", "estimator: [ste, ~]"), ExperimentMatrix::load));
        assertEquals(":5: field 'matrix[0].o_end[1]': o_end must be >= 1, got 0.5",
                error(MATRIX.replace("estimator: ste", "estimator: ste, o_end: [1, 0.5]"), ExperimentMatrix::load));
        assertEquals(": the file is empty", error("# only a comment\n", Profile::load));
    }

    @Test
    void malformedYamlGivesTheParsersProblemWithoutItsExcerpt() throws IOException {
        assertEquals(":2: malformed YAML: mapping values are not allowed here", error("profile: p\n  title: x\n", Profile::load));
    }

    @Test
    void aSingleValueIsAOneItemList() throws IOException {
        Path file = Files.writeString(tmp.resolve("m.yaml"), MATRIX.replace("estimator: ste", "estimator: ste, o_end: 2"));
        ExperimentMatrix matrix = ExperimentMatrix.load(file);
        assertEquals(List.of("resnet20 1/1 ste 2.0"),
                matrix.runs().stream().map(r -> r.backbone() + " " + r.wa() + " " + r.estimator() + " " + r.oEnd()).toList());
    }
}
