package org.reste.tasks.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.InMemoryDataset;

/** Shards written here by hand (the Beam writer is tested in pipelines), read back and damaged. */
class ShardedDatasetTest {

    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 2;
    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    private static ImageSet images(String name, int n, int seed) {
        byte[] pixels = new byte[n * C * H * W];
        int[] labels = new int[n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + seed);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7 + seed) % CLASSES;
        }
        return new ImageSet(name, C, H, W, CLASSES, pixels, labels);
    }

    private static ShardManifest header(String dataset) {
        return new ShardManifest(dataset, ShardManifest.FORMAT, ShardManifest.RAW, C, H, W, CLASSES, null, null,
                "synthetic test images", ShardManifest.CREATED_BY);
    }

    /** Writes {@code set} as {@code shards} files, records dealt round-robin in reverse (not index order). */
    private static List<String> writeShards(Path dir, String dataset, String split, ImageSet set, int shards)
            throws IOException {
        List<List<byte[]>> records = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            records.add(new ArrayList<>());
        }
        for (int i = set.size() - 1; i >= 0; i--) {
            byte[] pixels = Arrays.copyOfRange(set.pixels(), i * set.imageBytes(), (i + 1) * set.imageBytes());
            TfExample example = TfExample.rawImage(TfExample.id(dataset, split, i), set.labels()[i], C, H, W, pixels);
            records.get(i % shards).add(TfRecordReader.frame(example.toByteArray()));
        }
        List<String> paths = new ArrayList<>();
        Files.createDirectories(dir.resolve(split));
        for (int s = 0; s < shards; s++) {
            String path = String.format("%s/%s-%05d-of-%05d.tfrecord", split, split, s, shards);
            Files.write(dir.resolve(path), TfRecordReaderTest.concat(records.get(s).toArray(byte[][]::new)));
            paths.add(path);
        }
        return paths;
    }

    private ShardManifest writeDataset(ImageSet train, ImageSet test) throws IOException {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("train", writeShards(dir, "toy", "train", train, 3));
        paths.put("test", writeShards(dir, "toy", "test", test, 2));
        ShardManifest manifest = header("toy").scan(dir, paths);
        manifest.write(dir);
        return manifest;
    }

    @Test
    void readsBackExactlyTheImagesInIndexOrder() throws IOException {
        ImageSet train = images("toy/train", 20, 1);
        ImageSet test = images("toy/test", 7, 2);
        ShardManifest written = writeDataset(train, test);
        assertEquals(20, written.splits().get("train").count());
        assertEquals(3, written.splits().get("train").shards().size());
        assertArrayEquals(train.classCounts(), written.splits().get("train").classCounts());
        assertEquals(7, written.splits().get("train").shards().get(0).records());

        InMemoryDataset read = assertInstanceOf(InMemoryDataset.class, DatasetCatalog.open("toy", dir, false),
                "raw-pixel shards are held in memory");
        assertEquals("toy/train", read.train().name());
        assertArrayEquals(train.pixels(), read.train().pixels());
        assertArrayEquals(train.labels(), read.train().labels());
        assertArrayEquals(test.pixels(), read.test().pixels());
        assertArrayEquals(test.labels(), read.test().labels());
        assertTrue(read.describe().contains("TFRecord shards of toy"), read.describe());
        assertEquals(written.toJson(), ShardManifest.read(dir).toJson(), "the manifest reads back unchanged");

        ShardedDataset limited = new ShardedDataset(dir, 5, 3);
        assertArrayEquals(train.firstN(5).pixels(), limited.train().pixels());
        assertArrayEquals(test.firstN(3).labels(), limited.test().labels());
    }

    @Test
    void aManifestForAnotherDatasetIsRefused() throws IOException {
        writeDataset(images("toy/train", 4, 1), images("toy/test", 2, 2));
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetCatalog.open("cifar10", dir, false));
        assertTrue(e.getMessage().contains("manifest.json: holds data set 'toy', but 'cifar10' was asked for"),
                e.getMessage());
    }

    @Test
    void truncatedOrAlteredShardsAreNamed() throws IOException {
        writeDataset(images("toy/train", 12, 1), images("toy/test", 3, 2));
        Path shard = dir.resolve("train/train-00001-of-00003.tfrecord");
        long size = Files.size(shard);
        byte[] original = Files.readAllBytes(shard);
        try (RandomAccessFile file = new RandomAccessFile(shard.toFile(), "rw")) {
            file.seek(size / 2);
            int b = file.read();
            file.seek(size / 2);
            file.write(b ^ 0x01);
        }
        DatasetException altered = assertThrows(DatasetException.class, () -> new ShardedDataset(dir).train());
        assertTrue(altered.getMessage().startsWith(shard + ": altered: sha256 is "), altered.getMessage());

        Files.write(shard, Arrays.copyOf(original, original.length - 5));
        DatasetException truncated = assertThrows(DatasetException.class, () -> new ShardedDataset(dir).train());
        assertTrue(truncated.getMessage().startsWith(shard + ": truncated: " + String.format("%,d", size - 5)
                + " bytes, the manifest says " + String.format("%,d", size)), truncated.getMessage());

        Files.write(shard, original);
        Files.delete(dir.resolve("test/test-00000-of-00002.tfrecord"));
        assertEquals(12, new ShardedDataset(dir).train().size(), "train does not need the test shards");
        DatasetException missing = assertThrows(DatasetException.class, () -> new ShardedDataset(dir).test());
        assertTrue(missing.getMessage().contains("test-00000-of-00002.tfrecord: missing"), missing.getMessage());
    }

    @Test
    void badManifestsAndBadRecordsAreNamed() throws IOException {
        writeDataset(images("toy/train", 6, 1), images("toy/test", 3, 2));
        Path manifest = dir.resolve(ShardManifest.FILE_NAME);
        String json = Files.readString(manifest);

        Files.writeString(manifest, json.replace("\"sha256\" : \"", "\"sha256\" : \"x"));
        assertTrue(assertThrows(DatasetException.class, () -> new ShardedDataset(dir)).getMessage()
                .contains("field splits.train.shards[0].sha256: must be 64 lower-case hex digits"));
        Files.writeString(manifest, json.replace("\"count\" : 6", "\"count\" : 7"));
        assertTrue(assertThrows(DatasetException.class, () -> new ShardedDataset(dir)).getMessage()
                .contains("field splits.train.class_counts: sum to 6, but count is 7"));
        Files.writeString(manifest, json.substring(0, json.length() / 2));
        assertTrue(assertThrows(DatasetException.class, () -> new ShardedDataset(dir)).getMessage()
                .contains("manifest.json: not a valid manifest (line"));

        // a record of the test split placed in a train shard: the manifest writer refuses it
        Path stray = dir.resolve("train/stray.tfrecord");
        Files.write(stray, TfRecordReader.frame(TfExample.rawImage("toy/test/00000", 0, C, H, W, new byte[C * H * W])
                .toByteArray()));
        DatasetException e = assertThrows(DatasetException.class,
                () -> header("toy").scan(dir, Map.of("train", List.of("train/stray.tfrecord"))));
        assertTrue(e.getMessage().startsWith(stray + ": record 0: id 'toy/test/00000' does not start with 'toy/train/'"),
                e.getMessage());
        Files.write(stray, TfRecordReader.frame(TfExample.rawImage("toy/train/00001", 0, C, H, W, new byte[C * H * W])
                .toByteArray()));
        e = assertThrows(DatasetException.class,
                () -> header("toy").scan(dir, Map.of("train", List.of("train/stray.tfrecord"))));
        assertTrue(e.getMessage().contains("split train: 1 records, but index 0 is missing"), e.getMessage());
    }

    @Test
    void encodedShardsAreNotReadAsPixels() throws IOException {
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve("val"));
        byte[] file = {1, 2, 3};
        Files.write(dir.resolve("train/a.tfrecord"), TfRecordReader.frame(
                TfExample.encodedImage("net/train/00000", 1, file, "jpeg", "b/1.jpg", 1, 1, 3).toByteArray()));
        Files.write(dir.resolve("val/b.tfrecord"), TfRecordReader.frame(
                TfExample.encodedImage("net/val/00000", 0, file, "jpeg", "a/1.jpg", 1, 1, 3).toByteArray()));
        new ShardManifest("net", ShardManifest.FORMAT, ShardManifest.ENCODED, null, null, null, 2, List.of("a", "b"),
                null, "folders", ShardManifest.CREATED_BY)
                .scan(dir, Map.of("train", List.of("train/a.tfrecord"), "val", List.of("val/b.tfrecord"))).write(dir);
        ShardedDataset shards = ShardedDataset.open(dir, "net");
        assertEquals("val", shards.manifest().testSplit());
        List<TfExample> val = new ArrayList<>();
        shards.forEachExample("val", val::add);
        assertEquals(1, val.size());
        assertArrayEquals(file, val.get(0).bytes(TfExample.IMAGE_ENCODED));
        DatasetException e = assertThrows(DatasetException.class, shards::train);
        assertTrue(e.getMessage().contains("holds encoded images"), e.getMessage());
    }
}
