package org.reste.tasks.data.streaming;

import java.util.List;
import org.reste.tasks.data.image.EncodedImage;

/**
 * A data set too large to hold in memory (ImageNet), as the streamed training path reads it: the
 * encoded images of each split in source order, decoded and augmented batch by batch.
 */
public record StreamedSplits(List<? extends EncodedImage> train, List<? extends EncodedImage> val, int numClasses) {}
