package org.reste.pipelines.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.junit.jupiter.api.Test;
import org.reste.pipelines.dag.ReproduceOptions;
import org.reste.tasks.train.Json;

/**
 * infra/: the Flex Template's parameters are options reproduce understands, and the scripts
 * answer --help, refuse missing settings with one line, and (with --dry-run) build the gcloud
 * command from the template's parameter names.
 */
class InfraScriptsTest {

    private static final Path ROOT = Path.of(System.getProperty("reste.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> ENV = Map.of(
            "RESTE_PROJECT", "p", "RESTE_REGION", "us-central1",
            "RESTE_IMAGE_REPO", "us-central1-docker.pkg.dev/p/reste",
            "RESTE_TEMPLATE", "gs://p-reste-data/templates/reste.json", "RESTE_TEMP", "gs://p-reste-temp",
            "RESTE_RESULTS", "gs://p-reste-results", "RESTE_DATA", "gs://p-reste-data",
            "RESTE_WORKER_SA", "reste-worker@p.iam.gserviceaccount.com");

    private record Run(int code, String stdout, String stderr) {}

    private static Run script(Map<String, String> env, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("infra").resolve(name).toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("RESTE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " did not finish");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Set<String> metadataParameters() throws IOException {
        JsonNode metadata = Json.mapper().readTree(ROOT.resolve("infra/metadata.json").toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : metadata.get("parameters")) {
            names.add(parameter.get("name").asText());
            assertTrue(!parameter.path("label").asText().isBlank() && !parameter.path("helpText").asText().isBlank(),
                    "parameter " + parameter.get("name") + " needs a label and helpText");
            for (JsonNode regex : parameter.path("regexes")) {
                Pattern.compile(regex.asText());
            }
        }
        return names;
    }

    @Test
    void everyTemplateParameterIsAReproduceOptionOrADataflowOption() throws IOException {
        // the launcher passes each parameter as --name=value; Beam's parser must know the name
        for (String name : metadataParameters()) {
            String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            boolean known = Arrays.stream(ReproduceOptions.class.getMethods()).anyMatch(m -> m.getName().equals(getter))
                    || Arrays.stream(DataflowPipelineOptions.class.getMethods()).anyMatch(m -> m.getName().equals(getter));
            assertTrue(known, "metadata.json parameter " + name + " is no reproduce option");
        }
    }

    @Test
    void everyScriptAnswersHelp() throws Exception {
        for (String name : List.of("build-image.sh", "build-template.sh", "launch.sh")) {
            Run help = script(Map.of(), name, "--help");
            assertEquals(0, help.code(), name + ": " + help.stderr());
            assertTrue(help.stdout().startsWith("Usage: infra/" + name), help.stdout());
        }
    }

    @Test
    void aMissingSettingIsOneLineNamingIt() throws Exception {
        Run launch = script(Map.of(), "launch.sh", "--dry-run");
        assertEquals(2, launch.code());
        assertTrue(launch.stderr().startsWith("launch.sh: environment variable RESTE_PROJECT is not set"), launch.stderr());
        assertEquals(1, launch.stderr().strip().lines().count(), launch.stderr());
        Map<String, String> localTemp = new java.util.HashMap<>(ENV);
        localTemp.put("RESTE_TEMP", "/tmp/reste");
        Run notGs = script(localTemp, "launch.sh", "--dry-run");
        assertEquals(2, notGs.code());
        assertEquals("launch.sh: RESTE_TEMP must be a gs:// location, got '/tmp/reste'", notGs.stderr().strip());
        Run badArg = script(ENV, "build-template.sh", "--bogus");
        assertEquals(2, badArg.code());
        assertEquals("build-template.sh: unknown argument '--bogus' (see --help)", badArg.stderr().strip());
    }

    @Test
    void launchBuildsTheGcloudCommandFromTheTemplatesParameters() throws Exception {
        Run launch = script(ENV, "launch.sh", "--dry-run", "--tables", "1,3", "--job-name", "reste-test");
        assertEquals(0, launch.code(), launch.stderr());
        String command = launch.stdout().lines().findFirst().orElseThrow();
        assertTrue(command.startsWith("gcloud dataflow flex-template run reste-test --project p --region us-central1"
                + " --template-file-gcs-location gs://p-reste-data/templates/reste.json"), command);
        assertTrue(command.contains("--service-account-email reste-worker@p.iam.gserviceaccount.com --max-workers 4"), command);
        Matcher parameters = Pattern.compile("--parameters \\\\\\^~\\\\\\^(\\S+)").matcher(command);
        assertTrue(parameters.find(), command);
        Set<String> names = new TreeSet<>();
        for (String pair : parameters.group(1).split("~")) {
            names.add(pair.substring(0, pair.indexOf('=')));
        }
        assertEquals(Set.of("profile", "tables", "out", "data", "gpuType", "gpusPerWorker"), names);
        assertTrue(metadataParameters().containsAll(names), "not in metadata.json: " + names);
        assertTrue(parameters.group(1).contains("tables=1\\,3~out=gs://p-reste-results/nightly"), parameters.group(1));

        Run gated = script(ENV, "launch.sh", "--dry-run", "--tables", "nightly", "--baseline", "configs/baselines/nightly.yaml");
        assertEquals(0, gated.code(), gated.stderr());
        assertTrue(gated.stdout().contains("tables=nightly~out=gs://p-reste-results/nightly~data=gs://p-reste-data/cifar10"
                + "~baseline=configs/baselines/nightly.yaml~gpuType=nvidia-l4"), gated.stdout());
    }

    @Test
    void theImageScriptBuildsBothImagesFromOneTag() throws Exception {
        Run build = script(ENV, "build-image.sh", "--dry-run", "--tag", "abc123");
        assertEquals(0, build.code(), build.stderr());
        assertTrue(build.stdout().contains("docker build -f infra/Dockerfile --build-arg RESTE_COMMIT=abc123 -t"
                + " us-central1-docker.pkg.dev/p/reste/worker:abc123 ."), build.stdout());
        assertTrue(build.stdout().contains("--build-arg WORKER_IMAGE=us-central1-docker.pkg.dev/p/reste/worker:abc123 -t"
                + " us-central1-docker.pkg.dev/p/reste/launcher:abc123 ."), build.stdout());
        assertTrue(build.stdout().contains("docker push us-central1-docker.pkg.dev/p/reste/launcher:abc123"), build.stdout());
    }
}
