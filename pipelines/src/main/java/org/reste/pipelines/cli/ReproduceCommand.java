package org.reste.pipelines.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.ConfigException;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.dag.ReproduceOptions;
import org.reste.pipelines.dag.ReproducePipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;
import org.reste.tasks.io.Locations;

/**
 * The main job: the whole reproduction as a Beam pipeline (DirectRunner by default). Options it
 * does not know go to Beam ({@code --temp-location gs://b/t} as {@code --tempLocation=gs://b/t}), so
 * {@code --runner DataflowRunner --project ...} reach the runner; {@code --gpu-type} becomes Dataflow's
 * GPU worker options ({@link DataflowArgs}).
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Reproduce the paper's tables: expand the matrices, train every missing run, write tables.")
final class ReproduceCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "smoke",
            description = "smoke, cpu, nightly, nightly-cpu or paper (configs/profiles). Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--tables", defaultValue = "all", description = "all (the paper's), or a comma list of 1,2,3,equilibrium,nightly. Default: ${DEFAULT-VALUE}")
    String tables;

    @Option(names = "--data", description = "CIFAR-10 folder (holding cifar-10-batches-bin) or shards, or the Fashion-MNIST"
            + " idx folder for a profile on fashion-mnist; local or gs://. Default: the shipped CIFAR-10 sample.")
    String data;

    @Option(names = {"--imagenet-data", "--imagenetData"}, description = "ImageNet class-folder root; without it Table 2 rows say 'not run'.")
    String imagenetData;

    @Option(names = "--download", description = "Download CIFAR-10 (md5-checked) into --data if it is missing.")
    boolean download;

    @Option(names = "--out", defaultValue = "results", description = "Where runs/, checkpoints/ and tables/ go (a folder or gs://bucket/prefix). Default: ${DEFAULT-VALUE}")
    String out;

    @Option(names = "--configs", defaultValue = "configs", description = "The configs folder. Default: ${DEFAULT-VALUE}")
    String configs;

    @Option(names = "--baseline", description = "Nightly gate: after the tables, hold tonight's runs to this baseline"
            + " (e.g. configs/baselines/nightly.yaml, as `reste regress`); write regression.md under --out and fail"
            + " (exit 1; a Dataflow job ends Failed) when a row REGRESSED or is MISSING.")
    String baseline;

    @Option(names = "--device", description = "cpu or gpu. Default: gpu with --gpu-type, else cpu")
    String device;

    @Option(names = {"--gpu-type", "--gpuType"},
            description = "Dataflow GPU workers of this type (e.g. nvidia-l4); needs --runner DataflowRunner and --sdkContainerImage")
    String gpuType;

    @Option(names = {"--gpus-per-worker", "--gpusPerWorker"}, description = "GPUs per Dataflow worker with --gpu-type (1)")
    Integer gpusPerWorker;

    @Option(names = "--detach", description = "Submit the pipeline and return without waiting for it (Flex Template launches)")
    boolean detach;

    @Option(names = "--runner", defaultValue = "DirectRunner", description = "Beam runner. Default: ${DEFAULT-VALUE}")
    String runner;

    @Option(names = "--parallelism", defaultValue = "1",
            description = "Runs trained at once by the DirectRunner, each in its own thread; on the CPU they split the"
                    + " cores (cores / N intra-op threads each). Default: ${DEFAULT-VALUE}")
    int parallelism;

    @Unmatched
    List<String> beamArgs = new ArrayList<>();

    @Override
    public Integer call() {
        // Flags that cannot work are refused before configs are read or anything is submitted.
        DataflowArgs.Launch launch = DataflowArgs.translate(runner, gpuType, gpusPerWorker, device, out, data, imagenetData,
                BeamArgs.normalize(beamArgs));
        Path root = Path.of(System.getProperty("reste.root", "."));
        Path outFolder = Locations.of(root, out);
        if (!Locations.isCloud(outFolder) && Files.exists(outFolder) && !Files.isDirectory(outFolder)) {
            throw new IllegalArgumentException("--out " + out + ": is a file, not a folder (runs/, checkpoints/ and tables/ go in it)");
        }
        Path configDir = root.resolve(configs);
        // CIFAR-10 always has data (the shipped sample); Fashion-MNIST only from --data (no sample ships).
        Set<String> datasets = new LinkedHashSet<>(List.of("cifar10"));
        if (data != null && !data.isBlank()) {
            datasets.add("fashion-mnist");
        }
        if (imagenetData != null && !imagenetData.isBlank()) {
            datasets.add("imagenet");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1 (runs trained at once), got " + parallelism);
        }
        ReproductionPlan plan = ReproductionPlan.load(configDir, profile, tables, datasets);
        Baseline gate = baseline == null || baseline.isBlank() ? null : gateBaseline(root.resolve(baseline), plan);
        ReproduceOptions options = PipelineOptionsFactory.fromArgs(launch.beamArgs().toArray(String[]::new)).withValidation()
                .as(ReproduceOptions.class);
        options.setProfile(profile);
        options.setTables(tables);
        options.setData(data == null ? "" : Locations.uri(Locations.of(root, data)));
        options.setImagenetData(imagenetData == null ? "" : Locations.uri(Locations.of(root, imagenetData)));
        options.setOut(Locations.uri(Locations.of(root, out)));
        options.setConfigDir(configDir.toString());
        options.setDevice(launch.device());
        options.setGpuType(gpuType == null ? "" : gpuType);
        options.setDownload(download);
        options.setBaseline(gate == null ? "" : baseline);
        if (runner.equals("DirectRunner")) {
            options.as(DirectOptions.class).setTargetParallelism(Math.max(1, parallelism));
            if (parallelism > 1 && options.getDevice().equals("cpu")) {
                options.setThreadsPerRun(Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism));
            }
        }
        System.out.println("reproduce: profile " + profile + ", tables " + tables + ", out " + options.getOut());
        if (detach) {
            PipelineResult result = ReproducePipeline.build(options, plan, gate).run();
            System.out.println("pipeline submitted (" + result.getState().toString().toLowerCase() + "); tables will be in "
                    + Locations.show(Locations.of(options.getOut()).resolve("tables")));
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
        System.out.println("pipeline " + state.toString().toLowerCase() + "; tables in " + Locations.show(Locations.of(options.getOut()).resolve("tables")));
        return state == PipelineResult.State.DONE ? 0 : 1;
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
