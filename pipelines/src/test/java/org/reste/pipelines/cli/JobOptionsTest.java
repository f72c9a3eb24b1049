package org.reste.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.dag.ReproduceOptions;
import org.reste.pipelines.preprocess.PreprocessOptions;

/** The Beam jobs' command lines: --help prints the interface the parser reads, and bad options are one line naming them. */
class JobOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void helpNamesEveryOptionOfTheJobWithItsDescriptionAndDefault() {
        assertHelpDescribes("reproduce", ReproduceOptions.class);
        assertHelpDescribes("preprocess", PreprocessOptions.class);
        CliRun reproduce = CliRun.of("reproduce", "--help");
        String help = oneLine(reproduce.stdout());
        assertTrue(help.contains("--profile=<String> Default: smoke"), help);
        assertTrue(help.contains("--parallelism=<int> Default: 0"), help);
        assertTrue(help.contains("--runner=<Class> Default: DirectRunner"), help);
        assertTrue(help.contains("kebab-case name (--gpu-type) is read as its camelCase (--gpuType)"), help);
    }

    /** Every getter of the job's own interface appears as --name with its description (and default). */
    private static void assertHelpDescribes(String command, Class<? extends PipelineOptions> job) {
        CliRun run = CliRun.of(command, "--help");
        assertEquals(0, run.code(), run.stderr());
        String help = oneLine(run.stdout());
        for (Method getter : job.getDeclaredMethods()) {
            if (!getter.getName().startsWith("get")) {
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            assertTrue(help.contains("--" + name + "=<"), command + " --help lacks --" + name);
            String description = getter.getAnnotation(Description.class).value();
            assertTrue(help.contains(oneLine(description)), command + " --help lacks the description of --" + name);
            Default.String text = getter.getAnnotation(Default.String.class);
            if (text != null && !text.value().isEmpty()) {
                assertTrue(help.contains("--" + name + "=<String> Default: " + text.value()), command + " --" + name);
            }
        }
    }

    @Test
    void helpOfAnotherInterfaceListsItsOptions() {
        CliRun dataflow = CliRun.of("reproduce", "--help=DataflowPipelineOptions");
        assertEquals(0, dataflow.code(), dataflow.stderr());
        assertTrue(dataflow.stdout().contains("--sdkContainerImage=<String>"), dataflow.stdout());
        CliRun unknown = CliRun.of("preprocess", "--help=NoSuchOptions");
        assertEquals(2, unknown.code());
        assertTrue(unknown.stderr().startsWith("reste: --help=NoSuchOptions: no registered options interface of that name"),
                unknown.stderr());
    }

    @Test
    void aBadOptionIsOneLineNamingIt() {
        assertRefused("reste: --shards=abc: Cannot deserialize value of type `int` from String \"abc\": not a valid `int` value",
                "preprocess", "--dataset", "cifar10", "--input", "in", "--output", "out", "--shards", "abc");
        assertRefused("reste: --parallelism=many: Cannot deserialize value of type `int` from String \"many\": not a valid"
                + " `int` value", "reproduce", "--parallelism", "many");
        assertRefused("reste: Class interface org.reste.pipelines.preprocess.PreprocessOptions missing a property named"
                + " 'shardz'. Did you mean 'shards'?", "preprocess", "--dataset=cifar10", "--input=in", "--output=out",
                "--shardz=3");
        CliRun missing = CliRun.of("preprocess", "--dataset", "cifar10", "--input", "in");
        assertEquals(2, missing.code());
        assertTrue(missing.stderr().startsWith("reste: Missing required value for [--output, \"Folder for"), missing.stderr());
        assertRefused("reste: Unknown 'runner' specified 'Nowhere', supported pipeline runners [DataflowRunner, DirectRunner,"
                + " TestDataflowRunner]", "reproduce", "--runner", "Nowhere");
        assertRefused("reste: --out gs://: no bucket name after gs://", "reproduce", "--out", "gs://");
        assertRefused("reste: --output s3://b/x: only local folders and gs://bucket/prefix are supported", "preprocess",
                "--dataset", "cifar10", "--input", tmp.toString(), "--output", "s3://b/x");
        assertRefused("reste: --parallelism must be >= 0 (runs trained at once; 0 = automatic), got -1", "reproduce", "--parallelism", "-1");
    }

    private static void assertRefused(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), run.stdout());
        assertEquals(expected, run.stderr().strip());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
