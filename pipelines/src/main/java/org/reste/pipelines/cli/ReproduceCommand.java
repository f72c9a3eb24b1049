package org.reste.pipelines.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.ConfigException;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.dag.ReproduceOptions;
import org.reste.pipelines.dag.ReproducePipeline;
import org.reste.pipelines.dag.RunsAtOnce;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.io.Locations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The main job: the whole reproduction as a Beam pipeline (DirectRunner by default). Its options
 * are {@link ReproduceOptions} and Beam's, parsed by Beam ({@link JobOptions}), so
 * {@code --runner DataflowRunner --project ...} reach the runner and {@code --help} lists them;
 * {@code --gpuType} becomes Dataflow's GPU worker options ({@link DataflowArgs}).
 */
@Command(name = "reproduce", description = "Reproduce the paper's tables: expand the matrices, train every missing"
        + " run, write tables. --help lists the options.")
final class ReproduceCommand implements Callable<Integer> {

    /** Every argument: picocli only routes them here, the options are Beam's to parse. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        Optional<ReproduceOptions> parsed = JobOptions.parse(ReproduceOptions.class, args, System.out);
        if (parsed.isEmpty()) {
            return 0; // --help
        }
        ReproduceOptions options = parsed.get();
        // Flags that cannot work are refused before configs are read or anything is submitted.
        DataflowArgs.apply(options);
        if (options.getParallelism() < 0) {
            throw new IllegalArgumentException("--parallelism must be >= 0 (runs trained at once; 0 = automatic), got "
                    + options.getParallelism());
        }
        Path root = Locations.projectRoot();
        Path out = Locations.folder("--out", root, options.getOut());
        if (!Locations.isCloud(out) && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + options.getOut()
                    + ": is a file, not a folder (runs/, checkpoints/ and tables/ go in it)");
        }
        options.setOut(Locations.uri(out));
        options.setData(optionalFolder("--data", root, options.getData()));
        options.setImagenetData(optionalFolder("--imagenetData", root, options.getImagenetData()));
        Path configDir = root.resolve(options.getConfigs());
        options.setConfigs(configDir.toString());
        // CIFAR-10 always has data (the shipped sample); Fashion-MNIST only from --data (no sample ships).
        Set<String> datasets = new LinkedHashSet<>(List.of("cifar10"));
        if (!options.getData().isEmpty()) {
            datasets.add("fashion-mnist");
        }
        if (!options.getImagenetData().isEmpty()) {
            datasets.add("imagenet");
        }
        ReproductionPlan plan = ReproductionPlan.load(configDir, options.getProfile(), options.getTables(), datasets);
        Baseline gate = options.getBaseline().isBlank() ? null : gateBaseline(root.resolve(options.getBaseline()), plan);
        if (options.getRunner().getSimpleName().equals("DirectRunner")) {
            int parallelism = options.getParallelism() > 0 ? options.getParallelism()
                    : RunsAtOnce.automatic(options.getDevice(), Runtime.getRuntime().availableProcessors(), EngineSetup::gpuCount);
            options.setParallelism(parallelism);
            options.as(DirectOptions.class).setTargetParallelism(parallelism);
            if (parallelism > 1 && options.getDevice().equals("cpu") && options.getThreadsPerRun() == 0) {
                options.setThreadsPerRun(Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism));
            }
        }
        System.out.println("reproduce: profile " + options.getProfile() + ", tables " + options.getTables() + ", out "
                + options.getOut() + (options.getParallelism() > 0 ? ", " + options.getParallelism() + " runs at once" : ""));
        String tables = Locations.show(out.resolve("tables"));
        if (options.getDetach()) {
            PipelineResult result = ReproducePipeline.build(options, plan, gate).run();
            System.out.println("pipeline submitted (" + result.getState().toString().toLowerCase() + "); tables will be in "
                    + tables);
            return 0;
        }
        PipelineResult.State state;
        try {
            state = ReproducePipeline.run(options, plan, gate);
        } catch (Pipeline.PipelineExecutionException e) {
            if (e.getCause() instanceof ReproducePipeline.NightlyGateFailure failure) {
                System.err.println("reste: " + failure.getMessage());
                return 1;
            }
            throw e;
        }
        System.out.println("pipeline " + state.toString().toLowerCase() + "; tables in " + tables);
        return state == PipelineResult.State.DONE ? 0 : 1;
    }

    /** An optional folder option: empty stays empty (its default), anything else takes the one normalized form. */
    private static String optionalFolder(String option, Path root, String value) {
        return value.isBlank() ? "" : Locations.uri(Locations.folder(option, root, value));
    }

    /**
     * The gate's baseline, checked before any training: it has rows, guards this profile, and its
     * table is one this job produces.
     */
    static Baseline gateBaseline(Path file, ReproductionPlan plan) {
        Baseline gate = Baseline.load(file);
        if (gate.rows().isEmpty()) {
            throw new ConfigException(gate.file(), gate.rowsLine(), "rows", "no baseline rows yet: run the " + gate.profile()
                    + " profile once without --baseline, then `./reste regress --runs OUT/runs --baseline " + gate.file()
                    + " --bless`");
        }
        if (!gate.profile().equals(plan.profile().name())) {
            throw new ConfigException(gate.file(), 0, "profile", "the baseline guards profile '" + gate.profile()
                    + "', this job runs profile '" + plan.profile().name() + "'");
        }
        if (plan.table(gate.table()).isEmpty()) {
            throw new ConfigException(gate.file(), 0, "table", "the baseline guards table '" + gate.table()
                    + "', which this job does not produce (--tables " + gate.table() + ")");
        }
        return gate;
    }
}
