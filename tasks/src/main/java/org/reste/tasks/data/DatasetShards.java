package org.reste.tasks.data;

/**
 * The training input of one run, as the design names it:
 * {@code RunResult train(ExperimentSpec spec, DatasetShards data, RunStore store)}.
 *
 * <p>Data comes in two kinds, and a run is given one of them: {@link InMemoryDataset}, whose
 * splits are loaded whole (CIFAR-10 and Fashion-MNIST from their official files or from raw-pixel
 * shards), and {@link StreamedDataset}, whose encoded images are read batch by batch (ImageNet
 * from its class folders or its encoded shards). Implementations load lazily, so building one is
 * cheap and only the split that is used is read.
 */
public sealed interface DatasetShards permits InMemoryDataset, StreamedDataset {

    /** Where the data came from, for logs and run records, e.g. "CIFAR-10 binary batches at /data/...". */
    String describe();
}
