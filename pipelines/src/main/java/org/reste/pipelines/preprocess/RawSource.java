package org.reste.pipelines.preprocess;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.reste.tasks.data.tfrecord.ShardManifest;

/**
 * A raw data set as the preprocessing pipeline sees it: its splits, how big each is, a transform
 * that reads one split as serialized {@code tf.train.Example}s, and the manifest's header.
 * Built in the driver, which checks the input there, before the pipeline starts.
 */
interface RawSource {

    /** The data sets {@code reste preprocess} knows. */
    List<String> DATASETS = List.of("cifar10", "fashion-mnist", "imagenet");

    /** Split names in order, e.g. train, test (ImageNet: train, val). */
    List<String> splits();

    /** Images in a split. */
    int count(String split);

    /** Bytes of image data in a split (pixels, or encoded file sizes): sizes the shards. */
    long bytes(String split);

    /** Reads one split: each element one serialized Example with id {@code <dataset>/<split>/<index>}. */
    PTransform<PBegin, PCollection<byte[]>> read(String split);

    /** The manifest without its splits (they come from the written shards). */
    ShardManifest header();

    /**
     * The source for {@code dataset} at {@code input}; reads or lists it to check it.
     *
     * @throws IllegalArgumentException for an unknown data set name
     * @throws org.reste.tasks.data.DatasetException for missing or damaged input
     */
    static RawSource open(String dataset, Path input) {
        switch (dataset) {
            case "cifar10":
            case "fashion-mnist":
                return ImageSetSource.open(dataset, input);
            case "imagenet":
                return ImageFolderSource.open(dataset, input);
            default:
                throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown dataset '%s'; known: %s",
                        dataset, String.join(", ", DATASETS)));
        }
    }
}
