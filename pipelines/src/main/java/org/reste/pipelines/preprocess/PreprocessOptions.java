package org.reste.pipelines.preprocess;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Every option of the preprocessing job: {@code ./reste preprocess} parses its arguments into this
 * interface (and Beam's own, --runner included) and prints these texts for {@code --help}. The
 * folder options hold one normalized form once the command has read them (gs:// or an absolute
 * local path).
 */
public interface PreprocessOptions extends PipelineOptions {

    @Description("Data set: cifar10, fashion-mnist or imagenet")
    @Validation.Required
    String getDataset();

    void setDataset(String value);

    @Description("Raw data folder: cifar-10-batches-bin (or its parent), the four Fashion-MNIST idx(.gz) files,"
            + " or an ImageNet root holding train/<class>/ and val/<class>/; local or gs://")
    @Validation.Required
    String getInput();

    void setInput(String value);

    @Description("Folder for <split>/<split>-SSSSS-of-NNNNN.tfrecord and manifest.json; local or gs://")
    @Validation.Required
    String getOutput();

    void setOutput(String value);

    @Description("Shards per split; 0 = one per 128 MiB of image data, at least 1")
    @Default.Integer(0)
    int getShards();

    void setShards(int value);

    @Description("Replace the manifest and shards an earlier run left in --output")
    @Default.Boolean(false)
    boolean getOverwrite();

    void setOverwrite(boolean value);
}
