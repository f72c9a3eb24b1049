/**
 * The data sets in their official layouts, read into plain arrays or file lists: CIFAR-10's binary
 * batches (and their checked download), Fashion-MNIST's idx files, and class-folder trees
 * (ImageNet), whose one listing rule is {@link org.reste.tasks.data.raw.ClassFolders}.
 */
package org.reste.tasks.data.raw;
