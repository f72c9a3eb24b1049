package org.reste.tasks.data.streaming;

import java.nio.file.Path;
import org.reste.tasks.data.StreamedDataset;
import org.reste.tasks.data.raw.ImageFolder;
import org.reste.tasks.io.Locations;

/**
 * ImageNet-style data (root/train/<class>/*, root/val/<class>/*) for training: too large to hold
 * in memory, so the trainer streams it through {@link ImageBatchLoader} instead of asking for
 * whole splits.
 */
public final class ImageFolderShards implements StreamedDataset {

    private final ImageFolder folder;

    public ImageFolderShards(Path root) {
        this.folder = ImageFolder.open(root);
    }

    @Override
    public StreamedSplits splits() {
        return new StreamedSplits(folder.files(ImageFolder.Split.TRAIN), folder.files(ImageFolder.Split.VAL),
                folder.numClasses());
    }

    @Override
    public String describe() {
        return "image folder (" + folder.numClasses() + " classes) at " + Locations.show(folder.root());
    }
}
