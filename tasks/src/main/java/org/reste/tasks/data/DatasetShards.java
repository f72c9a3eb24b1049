package org.reste.tasks.data;

/**
 * The training input of one run, as the design names it:
 * {@code RunResult train(ExperimentSpec spec, DatasetShards data, RunStore store)}.
 *
 * <p>An interface because the data comes from several places: the raw official files today
 * ({@link Cifar10Binary}, {@link FashionMnistIdx}) and the preprocessed TFRecord shards
 * ({@link ShardedDataset}); ImageNet-scale data is not held in memory but streamed, from its
 * class folders ({@link ImageFolderShards}) or its encoded shards, recognised through
 * {@link #streamed()}.
 * Implementations load lazily, so building one is cheap and only the split that is used is read.
 */
public interface DatasetShards {

    /** The encoded images of each split when this data is streamed from disk instead of held in memory. */
    default java.util.Optional<StreamedSplits> streamed() {
        return java.util.Optional.empty();
    }

    /** The training split, NCHW uint8. */
    ImageSet train();

    /** The test (evaluation) split, NCHW uint8. */
    ImageSet test();

    /** Where the data came from, for logs and run records, e.g. "CIFAR-10 binary batches at /data/...". */
    String describe();
}
