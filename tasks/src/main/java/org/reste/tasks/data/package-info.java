/**
 * Data sets, two ways to the device. This package holds what a run trains from: the sealed
 * {@link org.reste.tasks.data.DatasetShards} (in memory or streamed), the catalog that opens one
 * by name, and the device side of the in-memory path. Its parts: {@code raw} (the official
 * layouts), {@code tfrecord} (the preprocessed shards, read without TensorFlow), {@code image}
 * (decoding and transforms) and {@code streaming} (the per-epoch loader).
 *
 * <p>In memory (CIFAR-10, Fashion-MNIST): raw readers turn the official files into plain-array
 * {@link org.reste.tasks.data.ImageSet}s, a whole split goes to the device once
 * ({@link org.reste.tasks.data.DeviceImages}) and batches are gathered and augmented there
 * ({@link org.reste.tasks.data.BatchAugmenter}).
 *
 * <p>Streamed (ImageNet): an {@link org.reste.tasks.data.raw.ImageFolder} lists the class folders,
 * an {@link org.reste.tasks.data.streaming.ImageBatchLoader} decodes ({@link org.reste.tasks.data.image.ImageDecoder})
 * and transforms ({@link org.reste.tasks.data.image.RandomResizedCrop},
 * {@link org.reste.tasks.data.image.ResizeCenterCrop}) each epoch's images on a thread pool into uint8
 * {@link org.reste.tasks.data.streaming.ImageBatch}es, which go to the device one at a time and are
 * normalised there ({@link org.reste.tasks.data.Normalization}).
 *
 * <p>The readers, the decoder and the transforms touch no DJL type, so they can be tested and
 * reused (e.g. by the Beam preprocessing step) without a native engine. Every bad-input error is
 * a {@link org.reste.tasks.data.DatasetException} whose message names the file and the problem.
 */
package org.reste.tasks.data;
