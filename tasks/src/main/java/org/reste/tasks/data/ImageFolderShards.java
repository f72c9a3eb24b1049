package org.reste.tasks.data;

import java.nio.file.Path;
import java.util.Optional;
import org.reste.tasks.io.Locations;

/**
 * ImageNet-style data (root/train/<class>/*, root/val/<class>/*) for training: too large to hold
 * in memory, so the trainer streams it through {@link ImageBatchLoader} instead of asking for
 * whole splits.
 */
public final class ImageFolderShards implements DatasetShards {

    private final ImageFolder folder;

    public ImageFolderShards(Path root) {
        this.folder = ImageFolder.open(root);
    }

    @Override
    public Optional<StreamedSplits> streamed() {
        return Optional.of(new StreamedSplits(folder.files(ImageFolder.Split.TRAIN), folder.files(ImageFolder.Split.VAL),
                folder.numClasses()));
    }

    @Override
    public ImageSet train() {
        throw new UnsupportedOperationException("an image folder is streamed, not loaded whole: " + folder.root());
    }

    @Override
    public ImageSet test() {
        throw new UnsupportedOperationException("an image folder is streamed, not loaded whole: " + folder.root());
    }

    @Override
    public String describe() {
        return "image folder (" + folder.numClasses() + " classes) at " + Locations.show(folder.root());
    }
}
