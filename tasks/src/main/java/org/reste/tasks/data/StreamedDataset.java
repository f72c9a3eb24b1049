package org.reste.tasks.data;

import org.reste.tasks.data.streaming.StreamedSplits;

/** Data too large to hold: the encoded images of each split, decoded batch by batch while training. */
public non-sealed interface StreamedDataset extends DatasetShards {

    /** The files or shard records of each split, indexed, with the class count. */
    StreamedSplits splits();
}
