package org.reste.pipelines.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * terraform/ as far as a machine without Terraform's providers can check it: every file parses
 * (hcl4j), every variable and output is documented and typed, every variable is used and every
 * use is declared, the example tfvars sets only declared variables, the resources the README
 * promises are there, and, where the terraform binary is on PATH, `terraform fmt -check` passes.
 */
class TerraformModuleTest {

    private static final Path ROOT = Path.of(System.getProperty("reste.root", "..")).toAbsolutePath().normalize();
    private static final Path MODULE = ROOT.resolve("terraform");
    private static final Pattern VAR_USE = Pattern.compile("\\bvar\\.([a-zA-Z_][a-zA-Z0-9_]*)");

    private static List<Path> tfFiles() throws IOException {
        try (Stream<Path> files = Files.list(MODULE)) {
            return files.filter(file -> file.toString().endsWith(".tf")).sorted().toList();
        }
    }

    private static Map<String, Object> parse(Path file) {
        try {
            return new HCLParser().parse(file.toFile(), StandardCharsets.UTF_8.name());
        } catch (Exception e) {
            throw new AssertionError(ROOT.relativize(file) + " does not parse: " + e.getMessage(), e);
        }
    }

    /** The named top-level blocks (variable, output, resource type) of every file, merged. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> blocks(String kind) throws IOException {
        Map<String, Map<String, Object>> all = new TreeMap<>();
        for (Path file : tfFiles()) {
            Object found = parse(file).get(kind);
            if (found instanceof Map<?, ?> map) {
                map.forEach((name, body) -> all.put((String) name, (Map<String, Object>) body));
            }
        }
        return all;
    }

    @Test
    void everyFileParses() throws IOException {
        List<Path> files = tfFiles();
        assertTrue(files.size() >= 5, "terraform/*.tf: " + files);
        for (Path file : files) {
            assertFalse(parse(file).isEmpty(), ROOT.relativize(file) + " is empty");
        }
        for (String required : List.of("versions.tf", "variables.tf", "outputs.tf")) {
            assertTrue(Files.exists(MODULE.resolve(required)), "terraform/" + required + " is missing");
        }
    }

    @Test
    void everyVariableHasADescriptionAndATypeAndEveryOutputADescription() throws IOException {
        Map<String, Map<String, Object>> variables = blocks("variable");
        assertTrue(variables.containsKey("project_id") && variables.containsKey("region"), variables.keySet().toString());
        List<String> problems = new ArrayList<>();
        variables.forEach((name, body) -> {
            if (!(body.get("description") instanceof String text) || text.isBlank()) {
                problems.add("variable " + name + " has no description");
            }
            if (body.get("type") == null) {
                problems.add("variable " + name + " has no type");
            }
        });
        Map<String, Map<String, Object>> outputs = blocks("output");
        assertFalse(outputs.isEmpty(), "no outputs");
        outputs.forEach((name, body) -> {
            if (!(body.get("description") instanceof String text) || text.isBlank()) {
                problems.add("output " + name + " has no description");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyVariableIsUsedAndEveryUseIsDeclared() throws IOException {
        Set<String> declared = blocks("variable").keySet();
        Set<String> used = new TreeSet<>();
        for (Path file : tfFiles()) {
            Matcher matcher = VAR_USE.matcher(Files.readString(file));
            while (matcher.find()) {
                used.add(matcher.group(1));
            }
        }
        Set<String> undeclared = new TreeSet<>(used);
        undeclared.removeAll(declared);
        Set<String> unused = new TreeSet<>(declared);
        unused.removeAll(used);
        assertEquals(Set.of(), undeclared, "used but not declared");
        assertEquals(Set.of(), unused, "declared but never used");
    }

    @Test
    void theExampleTfvarsSetsOnlyDeclaredVariablesAndEveryRequiredOne() throws IOException {
        Map<String, Map<String, Object>> variables = blocks("variable");
        Map<String, Object> example = parse(MODULE.resolve("terraform.tfvars.example"));
        assertTrue(variables.keySet().containsAll(example.keySet()), "undeclared in the example: " + example.keySet());
        variables.forEach((name, body) -> {
            if (!body.containsKey("default")) {
                assertTrue(example.containsKey(name), "required variable " + name + " is not in terraform.tfvars.example");
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theResourcesTheReadmePromisesAreThere() throws IOException {
        Map<String, Map<String, Object>> resources = blocks("resource");
        for (String type : List.of("google_project_service", "google_storage_bucket", "google_service_account",
                "google_artifact_registry_repository", "google_artifact_registry_repository_iam_member",
                "google_storage_bucket_iam_member", "google_cloud_scheduler_job")) {
            assertTrue(resources.containsKey(type), "no " + type + " in terraform/");
        }
        Map<String, Object> buckets = resources.get("google_storage_bucket");
        for (String versioned : List.of("data", "results")) {
            Map<String, Object> versioning = (Map<String, Object>) ((Map<String, Object>) buckets.get(versioned)).get("versioning");
            assertEquals(Boolean.TRUE, versioning == null ? null : versioning.get("enabled"), versioned + " bucket versioning");
        }
        Object temp = ((Map<String, Object>) buckets.get("temp")).get("lifecycle_rule");
        assertTrue(temp != null && temp.toString().contains("Delete"), "temp bucket lifecycle: " + temp);
        Map<String, Object> nightly = (Map<String, Object>) resources.get("google_cloud_scheduler_job").get("nightly");
        Map<String, Object> target = (Map<String, Object>) nightly.get("http_target");
        assertTrue(target.get("uri").toString().endsWith("/flexTemplates:launch"), target.get("uri").toString());
        assertEquals("POST", target.get("http_method"));
        assertTrue(target.containsKey("oauth_token"), "the scheduler must call with an OAuth token");
    }

    @Test
    void terraformFmtFindsNothingToChangeWhereTerraformIsInstalled() throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("terraform", "fmt", "-check", "-no-color", MODULE.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("terraform is not on PATH: " + notInstalled.getMessage());
            return;
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "terraform fmt did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "terraform fmt -check:\n" + output);
    }
}
