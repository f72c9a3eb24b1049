package org.reste.pipelines.dag;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Every option of the reproduction job: {@code ./reste reproduce} parses its arguments into this
 * interface (and Beam's own, --runner included) and prints these texts for {@code --help}. The
 * folder options hold one normalized form once the command has read them (gs:// or an absolute
 * local path).
 */
public interface ReproduceOptions extends PipelineOptions {

    @Description("Budget profile under configs/profiles: smoke, cpu, nightly, nightly-cpu or paper")
    @Default.String("smoke")
    String getProfile();

    void setProfile(String value);

    @Description("Tables to produce: all (the paper's), or a comma list of 1,2,3,equilibrium,nightly")
    @Default.String("all")
    String getTables();

    void setTables(String value);

    @Description("CIFAR-10 folder (holding cifar-10-batches-bin) or its shards from `reste preprocess`, or the"
            + " Fashion-MNIST idx folder for a profile on fashion-mnist; local or gs://. Empty: the CIFAR-10 sample"
            + " shipped in data/")
    @Default.String("")
    String getData();

    void setData(String value);

    @Description("ImageNet class-folder root (train/, val/) or its shards; local or gs://. Empty: Table 2 rows say"
            + " 'not run'")
    @Default.String("")
    String getImagenetData();

    void setImagenetData(String value);

    @Description("Download CIFAR-10 (md5-checked) into --data when it is missing")
    @Default.Boolean(false)
    boolean getDownload();

    void setDownload(boolean value);

    @Description("Where runs/, checkpoints/ and tables/ go: a local folder or gs://bucket/prefix")
    @Default.String("results")
    String getOut();

    void setOut(String value);

    @Description("The configs folder (experiments/, profiles/, reference/, baselines/)")
    @Default.String("configs")
    String getConfigs();

    void setConfigs(String value);

    @Description("Nightly gate: after the tables, hold tonight's runs to this baseline (e.g."
            + " configs/baselines/nightly.yaml, as `reste regress`); write regression.md under --out and fail (exit 1;"
            + " a Dataflow job ends Failed) when a row REGRESSED or is MISSING. Empty: no gate")
    @Default.String("")
    String getBaseline();

    void setBaseline(String value);

    @Description("Training device for every run: cpu or gpu. Default: gpu with --gpuType, else cpu")
    @Default.InstanceFactory(DeviceDefault.class)
    String getDevice();

    void setDevice(String value);

    @Description("Dataflow GPU workers of this type (e.g. nvidia-l4); needs --runner=DataflowRunner and"
            + " --sdkContainerImage. Empty: no GPU workers")
    @Default.String("")
    String getGpuType();

    void setGpuType(String value);

    @Description("GPUs per Dataflow worker with --gpuType; only 1 is accepted (one training per JVM). Default: 1")
    Integer getGpusPerWorker();

    void setGpusPerWorker(Integer value);

    @Description("Runs trained at once by the DirectRunner, each in its own thread; on the CPU they split the cores"
            + " (cores / N intra-op threads each). 0 = automatic: 2 on the CPU (measured faster than 1, see README),"
            + " one per GPU with --device gpu")
    @Default.Integer(0)
    int getParallelism();

    void setParallelism(int value);

    @Description("libtorch intra-op threads of each run; 0 = the engine's (every core), or cores / --parallelism on"
            + " the CPU when --parallelism is above 1")
    @Default.Integer(0)
    int getThreadsPerRun();

    void setThreadsPerRun(int value);

    @Description("Submit the pipeline and return without waiting for it (Flex Template launches)")
    @Default.Boolean(false)
    boolean getDetach();

    void setDetach(boolean value);

    /** GPU workers train on their GPU; without them the CPU is the default. */
    final class DeviceDefault implements DefaultValueFactory<String> {
        @Override
        public String create(PipelineOptions options) {
            String gpuType = options.as(ReproduceOptions.class).getGpuType();
            return gpuType == null || gpuType.isBlank() ? "cpu" : "gpu";
        }
    }
}
