package org.reste.pipelines.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.report.ReportWriter;
import org.reste.tasks.io.Locations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rebuilds the tables from existing run records alone: no training, no pipeline. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuild tables/*.md and equilibrium.png from the run records under --runs.")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--runs", required = true, description = "The folder of run records (…/runs), local or gs://.")
    String runs;

    @Option(names = "--out", required = true, description = "Where the tables go, local or gs://.")
    String out;

    @Option(names = "--profile", defaultValue = "smoke", description = "The profile the runs were planned with. Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--tables", defaultValue = "all", description = "Default: ${DEFAULT-VALUE}")
    String tables;

    @Option(names = "--imagenet", description = "Count ImageNet runs as having had data.")
    boolean imagenet;

    @Option(names = "--configs", defaultValue = "configs", description = "Default: ${DEFAULT-VALUE}")
    String configs;

    @Override
    public Integer call() {
        Path runsFolder = Locations.of(runs);
        if (!Locations.isCloud(runsFolder) && !Files.isDirectory(runsFolder)) {
            // tables of "not run yet" over real ones would be a wrong answer without a word
            throw new IllegalArgumentException("--runs " + runs + ": no such folder of run records");
        }
        Path root = Locations.projectRoot();
        ReproductionPlan plan = ReproductionPlan.load(root.resolve(configs), profile, tables,
                imagenet ? Set.of("cifar10", "fashion-mnist", "imagenet") : Set.of("cifar10", "fashion-mnist"));
        List<Path> written = ReportWriter.write(plan, runsFolder, Locations.of(out));
        written.forEach(path -> System.out.println("wrote " + Locations.show(path)));
        return 0;
    }
}
