package org.reste.pipelines.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.data.tfrecord.ShardedDataset;
import org.reste.tasks.data.tfrecord.TfRecordReader;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunContext;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;
import org.reste.tasks.train.RunTrainer;

/** The real preprocessing pipeline on the DirectRunner over the shipped CIFAR-10 sample, read back. */
class PreprocessPipelineTest {

    /** Preprocessed once for every test here; tests that damage shards work on a copy. */
    @TempDir
    static Path shared;

    static Path sample;
    static Path out;
    static ShardManifest manifest;

    @TempDir
    Path tmp;

    static PreprocessOptions options(String dataset, Path input, Path output, int shards) {
        PreprocessOptions options = PipelineOptionsFactory.create().as(PreprocessOptions.class);
        options.setDataset(dataset);
        options.setInput(input.toString());
        options.setOutput(output.toString());
        options.setShards(shards);
        return options;
    }

    @BeforeAll
    static void preprocessTheSample() {
        sample = Path.of(System.getProperty("reste.root", "..")).resolve(DatasetCatalog.SAMPLE_DIR);
        out = shared.resolve("cifar10-shards");
        manifest = PreprocessPipeline.run(options("cifar10", sample, out, 3));
    }

    @Test
    void manifestDescribesTheShards() throws IOException {
        JsonNode json = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("dataset", "format", "encoding", "channels", "height", "width", "num_classes", "splits",
                "source", "created_by"), keys);
        assertEquals("cifar10", json.get("dataset").asText());
        assertEquals("tfrecord/tf.train.Example", json.get("format").asText());
        assertEquals("raw", json.get("encoding").asText());
        assertEquals("reste preprocess", json.get("created_by").asText());
        assertTrue(json.get("source").asText().contains("CIFAR-10 slice (1,000 train / 500 test images)"));

        Cifar10Binary raw = new Cifar10Binary(sample);
        for (String split : List.of("train", "test")) {
            JsonNode node = json.get("splits").get(split);
            int expected = split.equals("train") ? 1000 : 500;
            assertEquals(expected, node.get("count").asInt());
            int[] classCounts = new ObjectMapper().convertValue(node.get("class_counts"), int[].class);
            assertArrayEquals((split.equals("train") ? raw.train() : raw.test()).classCounts(), classCounts);
            assertEquals(3, node.get("shards").size());
            int records = 0;
            for (int i = 0; i < 3; i++) {
                JsonNode shard = node.get("shards").get(i);
                String path = String.format("%s/%s-%05d-of-00003.tfrecord", split, split, i);
                assertEquals(path, shard.get("path").asText());
                assertEquals(Files.size(out.resolve(path)), shard.get("bytes").asLong());
                assertEquals(ShardedDataset.sha256(out.resolve(path)), shard.get("sha256").asText());
                records += shard.get("records").asInt();
            }
            assertEquals(expected, records);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("manifest.json", "test", "train"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temp files left");
        }
    }

    @Test
    void shardsReadBackExactlyTheRawPixelsAndLabels() {
        InMemoryDataset shards = assertInstanceOf(InMemoryDataset.class, DatasetCatalog.open("cifar10", out, false));
        Cifar10Binary raw = new Cifar10Binary(sample);
        assertEquals("cifar10/train", shards.train().name());
        assertArrayEquals(raw.train().pixels(), shards.train().pixels());
        assertArrayEquals(raw.train().labels(), shards.train().labels());
        assertArrayEquals(raw.test().pixels(), shards.test().pixels());
        assertArrayEquals(raw.test().labels(), shards.test().labels());

        ShardedDataset limited = new ShardedDataset(out, 64, 10);
        Cifar10Binary rawLimited = new Cifar10Binary(sample, 64, 10);
        assertArrayEquals(rawLimited.train().pixels(), limited.train().pixels());
        assertArrayEquals(rawLimited.test().labels(), limited.test().labels());
    }

    @Test
    void aTruncatedShardIsNamed() throws IOException {
        Path copy = copyOf(out);
        Path shard = copy.resolve(manifest.splits().get("train").shards().get(1).path());
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(bytes, bytes.length - 100));

        DatasetException e = assertThrows(DatasetException.class, () -> DatasetCatalog.openInMemory("cifar10", copy, false).train());
        assertTrue(e.getMessage().startsWith(shard + ": truncated: "), e.getMessage());
        assertTrue(e.getMessage().contains("the manifest says " + String.format("%,d", bytes.length)), e.getMessage());

        // the framing alone also finds it: the last record is cut
        int records = manifest.splits().get("train").shards().get(1).records();
        DatasetException framing = assertThrows(DatasetException.class, () -> readAll(shard));
        assertTrue(framing.getMessage().startsWith(shard + ": record " + String.format("%,d", records - 1) + " "),
                framing.getMessage());
        assertTrue(framing.getMessage().contains("truncated"), framing.getMessage());
    }

    @Test
    void anAlteredShardIsNamed() throws IOException {
        Path copy = copyOf(out);
        ShardManifest.Shard declared = manifest.splits().get("test").shards().get(2);
        Path shard = copy.resolve(declared.path());
        try (RandomAccessFile file = new RandomAccessFile(shard.toFile(), "rw")) {
            long at = file.length() / 2;
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x40);
        }
        assertEquals(declared.bytes(), Files.size(shard), "same size");
        DatasetException e = assertThrows(DatasetException.class, () -> new ShardedDataset(copy).test());
        assertTrue(e.getMessage().startsWith(shard + ": altered: sha256 is "), e.getMessage());
        assertTrue(e.getMessage().contains("the manifest says " + declared.sha256()), e.getMessage());
        assertEquals(1000, new ShardedDataset(copy).train().size(), "the other split is intact");

        DatasetException framing = assertThrows(DatasetException.class, () -> readAll(shard));
        assertTrue(framing.getMessage().startsWith(shard + ": record "), framing.getMessage());
        assertTrue(framing.getMessage().contains("corrupt"), framing.getMessage());
    }

    @Test
    void trainsFromTheShardFolderThroughTheCatalog() {
        ExperimentSpec spec = ExperimentSpec.builder().trainSubset(64).testSubset(50).epochs(1).batch(32).testBatch(50)
                .lr(0.05).warmupEpochs(0).seed(3).build();
        DatasetShards data = DatasetCatalog.open(spec.dataset(), out, false);
        RunRecord record = RunTrainer.train(spec, data, new PathRunStore(tmp), RunContext.cpu()).record();
        assertEquals(RunStatus.FINISHED, record.status());
        assertEquals(1, record.epochsRun());
        assertTrue(record.finalTop1() >= 0 && record.finalTop1() <= 100);
        assertTrue(record.data().contains("TFRecord shards of cifar10"), record.data());
    }

    @Test
    void anEarlierResultIsKeptUnlessOverwriteIsAsked() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> PreprocessPipeline.build(options("cifar10", sample, out, 3)));
        assertTrue(e.getMessage().startsWith(out + ": already holds a manifest and 6 shard file(s)"), e.getMessage());
        assertTrue(Files.exists(out.resolve("manifest.json")), "nothing removed");
    }

    @Test
    void whatAKilledPreprocessLeftIsNamedAsUnfinishedAndOverwriteClearsIt() throws IOException {
        Path killed = copyOf(out);
        Files.delete(killed.resolve("manifest.json")); // written last: a killed run has none
        Path temp = Files.createDirectories(killed.resolve("train").resolve(".temp-beam-1234"));
        Files.writeString(temp.resolve("part"), "half a shard");
        DatasetException unfinished = assertThrows(DatasetException.class, () -> DatasetCatalog.open("cifar10", killed, false));
        assertEquals(killed + ": holds shards but no manifest.json: a preprocess that did not finish; run it again with"
                + " --overwrite", unfinished.getMessage());

        PreprocessOptions again = options("cifar10", sample, killed, 3);
        again.setOverwrite(true);
        PreprocessPipeline.run(again);
        assertFalse(Files.exists(temp), "the killed run's temp folder is gone");
        assertEquals(1000, DatasetCatalog.openInMemory("cifar10", killed, false).train().size());
    }

    static int readAll(Path shard) {
        try (TfRecordReader reader = TfRecordReader.open(shard)) {
            while (reader.next() != null) {
                // read on
            }
            return reader.recordsRead();
        }
    }

    private Path copyOf(Path folder) throws IOException {
        Path copy = tmp.resolve("copy");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Path source = it.next();
                Path target = copy.resolve(folder.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }
}
