/**
 * Data too large for memory (ImageNet), streamed per epoch: the epoch order, the batch loader that
 * decodes and transforms on a thread pool into uint8 batches, and the splits it walks.
 */
package org.reste.tasks.data.streaming;
