package org.reste.pipelines.dag;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The reproduction job's options; `--help` on the command line lists them with these texts. */
public interface ReproduceOptions extends PipelineOptions {

    @Description("Budget profile under configs/profiles: smoke, cpu, nightly, nightly-cpu or paper")
    @Default.String("smoke")
    String getProfile();

    void setProfile(String value);

    @Description("Tables to produce, comma-separated: 1,2,3,equilibrium,nightly (or all: the paper's)")
    @Default.String("all")
    String getTables();

    void setTables(String value);

    @Description("CIFAR-10 folder (holding cifar-10-batches-bin) or Fashion-MNIST idx folder; empty = the CIFAR-10 sample shipped in data/")
    @Default.String("")
    String getData();

    void setData(String value);

    @Description("ImageNet class-folder root (train/, val/); empty = Table 2 rows are marked not run")
    @Default.String("")
    String getImagenetData();

    void setImagenetData(String value);

    @Description("Where runs/, checkpoints/ and tables/ go")
    @Default.String("results")
    String getOut();

    void setOut(String value);

    @Description("The configs folder (experiments/, profiles/, reference/)")
    @Default.String("configs")
    String getConfigDir();

    void setConfigDir(String value);

    @Description("Training device for every run: cpu or gpu")
    @Default.String("cpu")
    String getDevice();

    void setDevice(String value);

    @Description("Dataflow GPU type of the workers (e.g. nvidia-l4), empty for none; recorded for the job's options page")
    @Default.String("")
    String getGpuType();

    void setGpuType(String value);

    @Description("Nightly gate: the baseline (configs/baselines/*.yaml) this night is held to; empty = no gate")
    @Default.String("")
    String getBaseline();

    void setBaseline(String value);

    @Description("libtorch intra-op threads of each run's thread (runs training at once share the cores); 0 = the engine's (every core)")
    @Default.Integer(0)
    int getThreadsPerRun();

    void setThreadsPerRun(int value);

    @Description("Download CIFAR-10 (md5-checked) into --data when it is missing")
    @Default.Boolean(false)
    boolean getDownload();

    void setDownload(boolean value);
}
