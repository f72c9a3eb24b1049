package org.reste.tasks.data;

import java.nio.file.Path;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.data.raw.Cifar10Download;
import org.reste.tasks.data.raw.FashionMnistIdx;
import org.reste.tasks.data.streaming.ImageFolderShards;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.data.tfrecord.ShardedDataset;
import org.reste.tasks.io.Locations;

/**
 * Opens a data set by the name a spec uses, from a directory (downloading CIFAR-10 if asked). A
 * directory holding a {@code manifest.json} is read as preprocessed TFRecord shards
 * ({@link ShardedDataset}), whatever the name, as long as the manifest names that data set.
 */
public final class DatasetCatalog {

    /** The CIFAR-10 slice shipped in the repository, relative to the project root. */
    public static final String SAMPLE_DIR = "data/cifar10-sample";

    /** The data set names {@link #open} knows, so configs can be checked before any data is read. */
    public static final java.util.List<String> NAMES = java.util.List.of("cifar10", "fashion-mnist", "imagenet");

    private DatasetCatalog() {}

    /**
     * @param dir the raw data's directory, or a folder of shards written by {@code reste preprocess};
     *            null means the shipped CIFAR-10 sample
     * @param download fetch CIFAR-10's official archive into {@code dir} when it is missing (raw data only)
     */
    public static DatasetShards open(String name, Path dir, boolean download) {
        if (ShardedDataset.isShardFolder(dir)) {
            return ShardedDataset.open(dir, name).asDataset();
        }
        if (ShardedDataset.isUnfinishedShardFolder(dir)) {
            throw DatasetException.at(dir, "holds shards but no %s: a preprocess that did not finish; run it again"
                    + " with --overwrite", ShardManifest.FILE_NAME);
        }
        switch (name) {
            case "cifar10": {
                Path where = dir != null ? dir : Locations.projectRoot().resolve(SAMPLE_DIR);
                return new Cifar10Binary(download ? Cifar10Download.ensure(where, true) : where);
            }
            case "fashion-mnist": {
                if (dir == null) {
                    throw new IllegalArgumentException("--dataset fashion-mnist needs --data DIR holding its four idx(.gz) files");
                }
                return new FashionMnistIdx(dir);
            }
            case "imagenet": {
                if (dir == null) {
                    throw new IllegalArgumentException("--dataset imagenet needs --data DIR holding train/<class>/ and val/<class>/");
                }
                return new ImageFolderShards(dir);
            }
            default:
                throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    /**
     * {@link #open} for a use that needs whole splits (a benchmark, a parity trace, preprocessing):
     * streamed data is refused with one message naming it.
     */
    public static InMemoryDataset openInMemory(String name, Path dir, boolean download) {
        DatasetShards data = open(name, dir, download);
        if (data instanceof InMemoryDataset held) {
            return held;
        }
        throw new DatasetException(data.describe() + ": is streamed (encoded images), not loaded whole; this needs"
                + " CIFAR-10 or Fashion-MNIST (their files, or raw-pixel shards)");
    }
}
