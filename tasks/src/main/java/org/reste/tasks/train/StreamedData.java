package org.reste.tasks.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.data.image.EncodedImage;
import org.reste.tasks.data.image.RandomResizedCrop;
import org.reste.tasks.data.image.ResizeCenterCrop;
import org.reste.tasks.data.streaming.ImageBatch;
import org.reste.tasks.data.streaming.ImageBatchLoader;
import org.reste.tasks.data.streaming.LoaderOptions;
import org.reste.tasks.data.streaming.StreamedSplits;
import org.reste.tasks.model.Network;

/**
 * ImageNet-style data streamed from class folders or encoded shards: each epoch a loader decodes
 * and augments (RandomResizedCrop 224, scale 0.08-1.25, flip) in a bounded pool ahead of the
 * trainer; evaluation uses Resize 256 + CenterCrop 224. Subsets take the first N images in source
 * order (the sorted listing, or the shards' ids, which preprocess gave in that order).
 */
final class StreamedData implements TrainingData {

    private final int numClasses;
    private final List<? extends EncodedImage> trainFiles;
    private final List<? extends EncodedImage> testFiles;
    private final long seed;
    private final Normalization normalization = Normalization.paper();

    StreamedData(StreamedSplits splits, int trainSubset, int testSubset, long seed) {
        this.numClasses = splits.numClasses();
        this.trainFiles = first(splits.train(), trainSubset);
        this.testFiles = first(splits.val(), testSubset);
        this.seed = seed;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public long[] imageShape() {
        return new long[] {3, 224, 224};
    }

    @Override
    public Epoch epoch(int epoch, int batch, Random random) {
        // BatchNorm cannot train on a final batch of one image.
        LoaderOptions options = LoaderOptions.training(batch, seed).withDropLast(trainFiles.size() % batch == 1);
        ImageBatchLoader loader = ImageBatchLoader.open(trainFiles, RandomResizedCrop.paper(), options, epoch);
        return new Epoch() {
            @Override
            public int steps() {
                return loader.batches();
            }

            @Override
            public int images() {
                return loader.images();
            }

            @Override
            public Batch next(NDManager manager) {
                ImageBatch batch = loader.next();
                ImageBatch.Tensors tensors = batch.toDevice(manager);
                return new Batch(normalization.apply(tensors.pixels()), tensors.labels(), batch.count(), null, null);
            }

            @Override
            public void close() {
                loader.close();
            }
        };
    }

    @Override
    public Accuracy evaluate(Network network, int batch, ParameterStore parameterStore, NDManager manager) {
        try (ImageBatchLoader loader = ImageBatchLoader.open(testFiles, ResizeCenterCrop.paper(),
                LoaderOptions.evaluation(batch), 0)) {
            return StreamedEvaluation.evaluate(network, loader, normalization, parameterStore, manager);
        }
    }

    @Override
    public void close() {}

    private static List<? extends EncodedImage> first(List<? extends EncodedImage> files, int n) {
        return n > 0 && n < files.size() ? files.subList(0, n) : files;
    }
}
