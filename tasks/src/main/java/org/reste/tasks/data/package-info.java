/**
 * Raw data set readers: official on-disk formats (CIFAR-10 binary batches, Fashion-MNIST idx)
 * turned into plain-array {@link org.reste.tasks.data.ImageSet}s.
 *
 * <p>Nothing here touches DJL, so the readers can be tested and reused (e.g. by the Beam
 * preprocessing step) without a native engine. Every bad-input error is a
 * {@link org.reste.tasks.data.DatasetException} whose message names the file and the problem.
 */
package org.reste.tasks.data;
