/**
 * Raw data set readers: official on-disk formats (CIFAR-10 binary batches, Fashion-MNIST idx)
 * turned into plain-array {@link org.reste.tasks.data.ImageSet}s; and the preprocessed form,
 * TFRecord shards of {@code tf.train.Example}s with a manifest
 * ({@link org.reste.tasks.data.TfExample}, {@link org.reste.tasks.data.TfRecordReader},
 * {@link org.reste.tasks.data.ShardedDataset}), read without TensorFlow or a protobuf runtime.
 *
 * <p>Nothing here touches DJL, so the readers can be tested and reused (e.g. by the Beam
 * preprocessing step) without a native engine. Every bad-input error is a
 * {@link org.reste.tasks.data.DatasetException} whose message names the file and the problem.
 */
package org.reste.tasks.data;
