/**
 * Data sets, two ways to the device; and the preprocessed form of both, TFRecord shards of
 * {@code tf.train.Example}s with a manifest ({@link org.reste.tasks.data.TfExample},
 * {@link org.reste.tasks.data.TfRecordReader}, {@link org.reste.tasks.data.ShardedDataset}), read
 * without TensorFlow (the wire format is protobuf-java's, from {@code src/main/proto/example.proto}).
 *
 * <p>In memory (CIFAR-10, Fashion-MNIST): raw readers turn the official files into plain-array
 * {@link org.reste.tasks.data.ImageSet}s, a whole split goes to the device once
 * ({@link org.reste.tasks.data.DeviceImages}) and batches are gathered and augmented there
 * ({@link org.reste.tasks.data.BatchAugmenter}).
 *
 * <p>Streamed (ImageNet): an {@link org.reste.tasks.data.ImageFolder} lists the class folders,
 * an {@link org.reste.tasks.data.ImageBatchLoader} decodes ({@link org.reste.tasks.data.ImageDecoder})
 * and transforms ({@link org.reste.tasks.data.RandomResizedCrop},
 * {@link org.reste.tasks.data.ResizeCenterCrop}) each epoch's images on a thread pool into uint8
 * {@link org.reste.tasks.data.ImageBatch}es, which go to the device one at a time and are
 * normalised there ({@link org.reste.tasks.data.Normalization}).
 *
 * <p>The readers, the decoder and the transforms touch no DJL type, so they can be tested and
 * reused (e.g. by the Beam preprocessing step) without a native engine. Every bad-input error is
 * a {@link org.reste.tasks.data.DatasetException} whose message names the file and the problem.
 */
package org.reste.tasks.data;
