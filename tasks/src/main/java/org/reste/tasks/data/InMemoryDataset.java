package org.reste.tasks.data;

/** Data whose splits are held whole in memory (and on the device): small images, 60,000 or 70,000 of them. */
public non-sealed interface InMemoryDataset extends DatasetShards {

    /** The training split, NCHW uint8. */
    ImageSet train();

    /** The test (evaluation) split, NCHW uint8. */
    ImageSet test();
}
