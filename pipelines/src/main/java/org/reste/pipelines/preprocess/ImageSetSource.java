package org.reste.pipelines.preprocess;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.data.raw.FashionMnistIdx;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.data.tfrecord.TfExample;
import org.reste.tasks.io.Locations;

/**
 * CIFAR-10 or Fashion-MNIST, read by the project's own readers ({@link Cifar10Binary},
 * {@link FashionMnistIdx}) and stored as they deliver it: uint8 CHW pixels ({@code image/raw};
 * Fashion-MNIST already padded to 3x32x32), splits train and test.
 *
 * <p>The driver reads both splits once to check them and to count; in the pipeline one DoFn
 * per split reads it again and emits its images, so the job graph holds no pixel data.
 */
final class ImageSetSource implements RawSource {

    private final String dataset;
    private final Path input;
    private final Map<String, Integer> counts;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final String description;

    private ImageSetSource(String dataset, Path input, ImageSet train, ImageSet test, String description) {
        this.dataset = dataset;
        this.input = input;
        this.counts = Map.of("train", train.size(), "test", test.size());
        this.channels = train.channels();
        this.height = train.height();
        this.width = train.width();
        this.numClasses = train.numClasses();
        this.description = description;
    }

    static ImageSetSource open(String dataset, Path input) {
        InMemoryDataset raw = reader(dataset, input);
        return new ImageSetSource(dataset, input, raw.train(), raw.test(), raw.describe());
    }

    /** The reader of the raw files: never shards (preprocessing reads raw data only). */
    static InMemoryDataset reader(String dataset, Path input) {
        return dataset.equals("cifar10") ? new Cifar10Binary(input) : new FashionMnistIdx(input);
    }

    @Override
    public List<String> splits() {
        return List.of("train", "test");
    }

    @Override
    public int count(String split) {
        return counts.get(split);
    }

    @Override
    public long bytes(String split) {
        return (long) count(split) * channels * height * width;
    }

    @Override
    public PTransform<PBegin, PCollection<byte[]>> read(String split) {
        return new ReadSplit(dataset, Locations.uri(input), split);
    }

    @Override
    public ShardManifest header() {
        return new ShardManifest(dataset, ShardManifest.FORMAT, ShardManifest.RAW, channels, height, width, numClasses,
                null, null, description, ShardManifest.CREATED_BY);
    }

    /** One split of the raw files as serialized Examples. */
    static final class ReadSplit extends PTransform<PBegin, PCollection<byte[]>> {
        private final String dataset;
        private final String input;
        private final String split;

        ReadSplit(String dataset, String input, String split) {
            this.dataset = dataset;
            this.input = input;
            this.split = split;
        }

        @Override
        public PCollection<byte[]> expand(PBegin begin) {
            return begin.apply("Split", Create.of(split))
                    .apply("EncodeImages", ParDo.of(new EncodeSplitFn(dataset, input)));
        }
    }

    /** Reads a whole split with the raw reader and emits one Example per image. */
    static final class EncodeSplitFn extends DoFn<String, byte[]> {
        private final String dataset;
        private final String input;

        EncodeSplitFn(String dataset, String input) {
            this.dataset = dataset;
            this.input = input;
        }

        @ProcessElement
        public void process(@Element String split, OutputReceiver<byte[]> out) {
            InMemoryDataset raw = reader(dataset, Locations.of(input));
            ImageSet set = split.equals("train") ? raw.train() : raw.test();
            int size = set.imageBytes();
            for (int i = 0; i < set.size(); i++) {
                byte[] pixels = Arrays.copyOfRange(set.pixels(), i * size, (i + 1) * size);
                out.output(TfExample.rawImage(TfExample.id(dataset, split, i), set.labels()[i], set.channels(),
                        set.height(), set.width(), pixels).toByteArray());
            }
        }
    }
}
