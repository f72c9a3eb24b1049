package org.reste.pipelines.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.cli.CliRun;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.StreamedDataset;
import org.reste.tasks.data.image.EncodedImage;
import org.reste.tasks.data.raw.FashionMnistIdx;
import org.reste.tasks.data.streaming.StreamedSplits;
import org.reste.tasks.data.tfrecord.ShardManifest;
import org.reste.tasks.data.tfrecord.ShardRecord;
import org.reste.tasks.data.tfrecord.ShardedDataset;
import org.reste.tasks.data.tfrecord.TfExample;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunContext;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;
import org.reste.tasks.train.RunTrainer;

/** Fashion-MNIST and ImageNet-style folders through the real pipeline; the command line and its errors. */
class PreprocessSourcesTest {

    @TempDir
    Path tmp;

    // ---- Fashion-MNIST: tiny idx files ----

    private static void idxSet(Path dir, String prefix, int n, int seed) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(images);
        out.writeInt(2051);
        out.writeInt(n);
        out.writeInt(28);
        out.writeInt(28);
        for (int i = 0; i < n * 28 * 28; i++) {
            out.write((i * 13 + seed) % 256);
        }
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream lab = new DataOutputStream(labels);
        lab.writeInt(2049);
        lab.writeInt(n);
        for (int i = 0; i < n; i++) {
            lab.write((i * 3 + seed) % 10);
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.toByteArray());
    }

    @Test
    void classFoldersAreListedByTheRuleTrainingUses() throws IOException {
        for (String file : List.of("train/b/2.jpg", "train/b/sub/0.png", "train/b/.cache/x.jpg", "train/b/._1.JPEG",
                "train/a/z.jpeg", "train/.ipynb_checkpoints/c.jpg", "val/a/v.jpg", "val/b/w.png", "val/.hidden/u.jpg")) {
            Path path = tmp.resolve("tree").resolve(file);
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[] {1});
        }
        ImageFolderSource source = ImageFolderSource.open("imagenet", tmp.resolve("tree"));
        org.reste.tasks.data.raw.ImageFolder folder = org.reste.tasks.data.raw.ImageFolder.open(tmp.resolve("tree"));
        assertEquals(folder.classes(), source.header().classNames(), "same classes, so the same labels");
        assertEquals(List.of("a", "b"), folder.classes());
        assertEquals(folder.files(org.reste.tasks.data.raw.ImageFolder.Split.TRAIN).size(), source.count("train"));
        assertEquals(3, source.count("train"), "z.jpeg, 2.jpg and the nested sub/0.png; hidden entries never");
        assertEquals(2, source.count("val"));
    }

    @Test
    void fashionMnistShardsHoldWhatTheIdxReaderReads() throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("fashion"));
        idxSet(raw, "train", 12, 1);
        idxSet(raw, "t10k", 5, 2);
        Path out = tmp.resolve("fashion-shards");
        ShardManifest manifest = PreprocessPipeline.run(PreprocessPipelineTest.options("fashion-mnist", raw, out, 2));
        assertEquals("fashion-mnist", manifest.dataset());
        assertEquals(List.of(3, 32, 32), List.of(manifest.channels(), manifest.height(), manifest.width()));

        ImageSet train = new FashionMnistIdx(raw).train();
        ImageSet test = new FashionMnistIdx(raw).test();
        ShardedDataset shards = ShardedDataset.open(out, "fashion-mnist");
        assertEquals("fashion-mnist/train", shards.train().name());
        assertArrayEquals(train.pixels(), shards.train().pixels());
        assertArrayEquals(train.labels(), shards.train().labels());
        assertArrayEquals(test.pixels(), shards.test().pixels());
        assertArrayEquals(test.labels(), shards.test().labels());

        DatasetException wrongName = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
                () -> DatasetCatalog.open("cifar10", out, false));
        assertTrue(wrongName.getMessage().contains("holds data set 'fashion-mnist', but 'cifar10' was asked for"),
                wrongName.getMessage());
    }

    // ---- ImageNet-style class folders ----

    private static byte[] image(int width, int height, Color color, String format, int type) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawLine(0, 0, width - 1, height - 1);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "an ImageIO writer for " + format);
        return out.toByteArray();
    }

    /** train/n02 (3 JPEGs), train/n01 (1 JPEG + 1 grey PNG + a README), val/n01 (1), val/n02 (2). */
    private Path imageFolders() throws IOException {
        Path root = tmp.resolve("imagenet");
        write(root, "train/n02/b2.JPEG", image(20, 10, Color.RED, "jpg", BufferedImage.TYPE_INT_RGB));
        write(root, "train/n02/a1.JPEG", image(16, 12, Color.BLUE, "jpg", BufferedImage.TYPE_INT_RGB));
        write(root, "train/n02/c3.jpg", image(8, 8, Color.GREEN, "jpg", BufferedImage.TYPE_INT_RGB));
        write(root, "train/n01/z.jpeg", image(30, 20, Color.ORANGE, "jpg", BufferedImage.TYPE_INT_RGB));
        write(root, "train/n01/grey.png", image(9, 7, Color.GRAY, "png", BufferedImage.TYPE_BYTE_GRAY));
        write(root, "train/n01/README.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        write(root, "val/n01/v.JPEG", image(11, 13, Color.CYAN, "jpg", BufferedImage.TYPE_INT_RGB));
        write(root, "val/n02/v1.JPEG", image(12, 14, Color.PINK, "jpg", BufferedImage.TYPE_INT_RGB));
        write(root, "val/n02/v2.JPEG", image(15, 16, Color.BLACK, "jpg", BufferedImage.TYPE_INT_RGB));
        return root;
    }

    private static void write(Path root, String path, byte[] bytes) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.write(root.resolve(path), bytes);
    }

    @Test
    void imageFoldersBecomeEncodedRecordsWithSortedClassLabels() throws IOException {
        Path root = imageFolders();
        Path out = tmp.resolve("imagenet-shards");
        CliRun run = CliRun.of("preprocess", "--dataset", "imagenet", "--input", root.toString(), "--output", out.toString(),
                "--shards", "2");
        assertEquals(0, run.code(), run.stderr());
        assertTrue(run.stdout().contains("preprocess: imagenet (encoded)"), run.stdout());
        assertTrue(run.stdout().contains("manifest " + out.resolve("manifest.json")), run.stdout());

        ShardedDataset shards = ShardedDataset.open(out, "imagenet");
        ShardManifest manifest = shards.manifest();
        assertEquals("encoded", manifest.encoding());
        assertNull(manifest.channels());
        assertEquals(List.of("n01", "n02"), manifest.classNames());
        assertEquals(List.of("train", "val"), new ArrayList<>(manifest.splits().keySet()));
        assertEquals("val", manifest.testSplit());
        assertArrayEquals(new int[] {2, 3}, manifest.splits().get("train").classCounts());
        assertArrayEquals(new int[] {1, 2}, manifest.splits().get("val").classCounts());
        assertEquals(2, manifest.splits().get("train").shards().size());
        assertTrue(manifest.source().contains("2 classes; 5 train / 3 val images"), manifest.source());

        List<TfExample> train = new ArrayList<>();
        shards.forEachExample("train", train::add);
        train.sort(Comparator.comparingInt(e -> TfExample.indexOf(e.string(TfExample.ID))));
        // label order, then file-name order within the class
        assertEquals(List.of("n01/grey.png", "n01/z.jpeg", "n02/a1.JPEG", "n02/b2.JPEG", "n02/c3.jpg"),
                train.stream().map(e -> e.string(TfExample.IMAGE_FILENAME)).toList());
        assertEquals(List.of(0L, 0L, 1L, 1L, 1L), train.stream().map(e -> e.int64(TfExample.LABEL)).toList());
        assertEquals(List.of("imagenet/train/00000", "imagenet/train/00001", "imagenet/train/00002",
                "imagenet/train/00003", "imagenet/train/00004"), train.stream().map(e -> e.string(TfExample.ID)).toList());
        for (TfExample example : train) {
            assertArrayEquals(Files.readAllBytes(root.resolve("train").resolve(example.string(TfExample.IMAGE_FILENAME))),
                    example.bytes(TfExample.IMAGE_ENCODED), "the file's bytes, untouched");
        }
        TfExample grey = train.get(0);
        assertEquals("png", grey.string(TfExample.IMAGE_FORMAT));
        assertEquals(List.of(7L, 9L, 1L), List.of(grey.int64(TfExample.HEIGHT), grey.int64(TfExample.WIDTH),
                grey.int64(TfExample.CHANNELS)));
        TfExample jpeg = train.get(3);
        assertEquals("jpeg", jpeg.string(TfExample.IMAGE_FORMAT));
        assertEquals(List.of(10L, 20L, 3L), List.of(jpeg.int64(TfExample.HEIGHT), jpeg.int64(TfExample.WIDTH),
                jpeg.int64(TfExample.CHANNELS)));

        List<TfExample> val = new ArrayList<>();
        shards.forEachExample("val", val::add);
        assertEquals(3, val.size());

        DatasetException notPixels = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
                () -> DatasetCatalog.openInMemory("imagenet", out, false));
        assertTrue(notPixels.getMessage().contains("is streamed (encoded images), not loaded whole"), notPixels.getMessage());
    }

    @Test
    void encodedShardsStreamTheSameImagesAsTheirFoldersAndTrain() throws IOException {
        Path root = imageFolders();
        Path out = tmp.resolve("imagenet-shards");
        assertEquals(0, CliRun.of("preprocess", "--dataset", "imagenet", "--input", root.toString(), "--output", out.toString(),
                "--shards", "2").code());

        StreamedSplits folders = ((StreamedDataset) DatasetCatalog.open("imagenet", root, false)).splits();
        DatasetShards shardData = DatasetCatalog.open("imagenet", out, false);
        StreamedSplits shards = ((StreamedDataset) shardData).splits();
        assertEquals(folders.numClasses(), shards.numClasses());
        for (String split : List.of("train", "val")) {
            List<? extends EncodedImage> expected = split.equals("train") ? folders.train() : folders.val();
            List<? extends EncodedImage> actual = split.equals("train") ? shards.train() : shards.val();
            assertEquals(expected.size(), actual.size(), split);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).label(), actual.get(i).label(), split + " " + i);
                assertArrayEquals(expected.get(i).read(), actual.get(i).read(), split + " " + i + ": the file's bytes");
            }
        }

        // The streamed trainer reads the shards record by record (224x224 crops).
        ExperimentSpec spec = ExperimentSpec.builder().backbone("resnet18_imagenet").dataset("imagenet")
                .epochs(1).batch(2).testBatch(3).lr(0.01).warmupEpochs(0).build();
        RunRecord record = RunTrainer.train(spec, shardData, new PathRunStore(tmp.resolve("runs")), RunContext.cpu()).record();
        assertEquals(RunStatus.FINISHED, record.status());
        assertNotNull(record.finalTop5(), "a streamed run records top-5");
        assertTrue(record.data().startsWith("TFRecord shards of imagenet"), record.data());

        // A record damaged after its shard was indexed is named when the loader reads it.
        ShardRecord first = (ShardRecord) shards.train().get(0);
        byte[] bytes = Files.readAllBytes(first.shard());
        int inside = (int) first.offset() + 12 + first.length() / 2;
        bytes[inside] ^= 0x01;
        Files.write(first.shard(), bytes);
        DatasetException damaged = assertThrows(DatasetException.class, first::read);
        assertTrue(damaged.getMessage().startsWith(String.format(java.util.Locale.ROOT, "%s: record %,d (at byte %,d): corrupt data",
                first.shard(), first.record(), first.offset())), damaged.getMessage());
        // ... and before any training when the shards are opened again.
        DatasetException altered = assertThrows(DatasetException.class,
                () -> ((StreamedDataset) DatasetCatalog.open("imagenet", out, false)).splits());
        assertTrue(altered.getMessage().startsWith(first.shard() + ": altered: sha256"), altered.getMessage());
    }

    @Test
    void aBrokenImageStopsTheJobNamingTheFile() throws IOException {
        Path root = imageFolders();
        Path broken = root.resolve("val/n02/v2.JPEG");
        Files.write(broken, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J'});
        Path out = tmp.resolve("broken-shards");
        CliRun run = CliRun.of("preprocess", "--dataset", "imagenet", "--input", root.toString(), "--output", out.toString());
        assertEquals(2, run.code(), run.stdout() + run.stderr());
        // the DoFn's error, unwrapped from the runner's, is the one line the user sees (log lines may precede it)
        assertTrue(run.stderr().lines().anyMatch(line -> line.startsWith("reste: " + broken + ": not a readable JPEG/PNG"
                + " image")), run.stderr());
        assertTrue(!Files.exists(out.resolve("manifest.json")), "no manifest for a failed job");
    }

    @Test
    void badArgumentsStopBeforeThePipelineWithOneLine() {
        CliRun unknown = CliRun.of("preprocess", "--dataset", "mnist", "--input", tmp.toString(), "--output", tmp.resolve("o").toString());
        assertEquals(2, unknown.code());
        assertEquals("reste: unknown dataset 'mnist'; known: cifar10, fashion-mnist, imagenet", unknown.stderr().strip());

        Path missing = tmp.resolve("nowhere");
        CliRun noInput = CliRun.of("preprocess", "--dataset", "cifar10", "--input", missing.toString(), "--output",
                tmp.resolve("o").toString());
        assertEquals(2, noInput.code());
        assertEquals("reste: " + missing + ": CIFAR-10 directory does not exist", noInput.stderr().strip());

        CliRun noVal = CliRun.of("preprocess", "--dataset", "imagenet", "--input", tmp.toString(), "--output",
                tmp.resolve("o").toString());
        assertEquals(2, noVal.code());
        assertEquals("reste: " + tmp.resolve("train") + ": missing: an ImageNet root holds train/<class>/ and"
                + " val/<class>/ folders of images", noVal.stderr().strip());

        CliRun help = CliRun.of("preprocess", "--help");
        assertEquals(0, help.code());
        assertTrue(help.stdout().contains("--shards"), help.stdout());
    }
}
