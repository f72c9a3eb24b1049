package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.BatchAugmenter;
import org.reste.tasks.data.DeviceImages;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.data.image.ResizeCenterCrop;
import org.reste.tasks.data.raw.ImageFolder;
import org.reste.tasks.data.raw.LabelledFile;
import org.reste.tasks.data.raw.TinyImageFolder;
import org.reste.tasks.data.streaming.ImageBatch;
import org.reste.tasks.data.streaming.ImageBatchLoader;
import org.reste.tasks.data.streaming.LoaderOptions;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.model.Network;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;

class StreamedEvaluationTest {

    private static final ResizeCenterCrop VAL = new ResizeCenterCrop(36, 32);

    @TempDir
    Path dir;

    private List<LabelledFile> val() {
        return ImageFolder.open(TinyImageFolder.write(dir)).files(ImageFolder.Split.VAL);
    }

    private static ImageBatchLoader loader(List<LabelledFile> files, int batch) {
        return ImageBatchLoader.open(files, VAL, LoaderOptions.evaluation(batch).withThreads(2), 0);
    }

    /** Logits = each channel's mean (the class colour wins), or its negative (the class colour loses). */
    private static Network meanColour(boolean negate) {
        LambdaBlock block = new LambdaBlock(list -> {
            var mean = list.singletonOrThrow().mean(new int[] {3}).mean(new int[] {2});
            return new NDList(negate ? mean.neg() : mean);
        });
        return new Network("mean-colour", null, block, List.of(), null);
    }

    @Test
    void countsTopOneOverAllBatches() {
        EngineSetup.configure();
        List<LabelledFile> files = val();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            try (ImageBatchLoader batches = loader(files, 4)) {
                Accuracy right = StreamedEvaluation.evaluate(meanColour(false), batches, Normalization.paper(), store, manager);
                assertEquals(100.0, right.top1());
            }
            try (ImageBatchLoader batches = loader(files, 4)) {
                // (Top-5 over three classes always holds the label; AccuracyTest counts it where it can fail.)
                Accuracy wrong = StreamedEvaluation.evaluate(meanColour(true), batches, Normalization.paper(), store, manager);
                assertEquals(0.0, wrong.top1());
            }
            assertThrows(IllegalArgumentException.class, () -> StreamedEvaluation.evaluate(
                    meanColour(false), Collections.emptyIterator(), Normalization.paper(), store, manager));
        }
    }

    @Test
    void agreesWithTheInMemoryEvaluatorOnTheSameImages() throws Exception {
        EngineSetup.configure();
        List<LabelledFile> files = val();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        List<Integer> labels = new ArrayList<>();
        try (ImageBatchLoader batches = loader(files, 3)) {
            while (batches.hasNext()) {
                ImageBatch batch = batches.next();
                pixels.write(batch.pixels());
                for (int label : batch.labels()) {
                    labels.add(label);
                }
            }
        }
        ImageSet set = new ImageSet("tiny/val", 3, 32, 32, 6, pixels.toByteArray(),
                labels.stream().mapToInt(Integer::intValue).toArray());
        Bits bits = Bits.parse("32/32");
        Network network = Backbones.build("resnet20", bits, Estimators.of("ste", EstimatorOptions.defaults(), bits), 6);
        try (NDManager manager = NDManager.newBaseManager()) {
            network.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            ParameterStore store = new ParameterStore(manager, false);
            Accuracy inMemory;
            try (DeviceImages images = DeviceImages.upload(set, manager)) {
                inMemory = DeviceEvaluation.evaluate(network, images, 3, BatchAugmenter.paper(), store, manager);
            }
            try (ImageBatchLoader batches = loader(files, 3)) {
                assertEquals(inMemory, StreamedEvaluation.evaluate(network, batches, Normalization.paper(), store, manager));
            }
        }
    }
}
