/**
 * The preprocessed form of every data set: TFRecord shards of {@code tf.train.Example}s (protobuf's
 * generated classes under {@code proto}, wrapped by {@link org.reste.tasks.data.tfrecord.TfExample}),
 * the checksummed record reader, the shard manifest and the data set read back from it.
 */
package org.reste.tasks.data.tfrecord;
