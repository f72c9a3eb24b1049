package org.reste.tasks.data.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.Normalization;
import org.reste.tasks.data.image.ImageDecoder;
import org.reste.tasks.data.image.ImageTransform;
import org.reste.tasks.data.image.RandomResizedCrop;
import org.reste.tasks.data.image.ResizeCenterCrop;
import org.reste.tasks.data.raw.ImageFolder.Split;
import org.reste.tasks.data.raw.ImageFolder;
import org.reste.tasks.data.raw.LabelledFile;
import org.reste.tasks.data.raw.TinyImageFolder;
import org.reste.tasks.engine.EngineSetup;

class ImageBatchLoaderTest {

    /** Small outputs keep the tests quick; the crop logic is the paper's. */
    private static final ImageTransform TRAIN = new RandomResizedCrop(32, 0.08, 1.25, 0.5);
    private static final ImageTransform VAL = new ResizeCenterCrop(36, 32);

    @TempDir
    Path dir;
    private ImageFolder folder;
    private List<LabelledFile> train;

    @BeforeEach
    void writeFolder() {
        folder = ImageFolder.open(TinyImageFolder.write(dir));
        train = folder.files(Split.TRAIN);
    }

    private static LoaderOptions options(int batch, int threads) {
        return LoaderOptions.training(batch, 42).withThreads(threads).withPrefetch(2);
    }

    @Test
    void everyImageOnceInThePermutationsOrderWithItsLabel() {
        int[] order = ImageBatchLoader.order(12, 42, 3, true);
        List<Integer> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (ImageBatchLoader loader = ImageBatchLoader.open(train, TRAIN, options(5, 2), 3)) {
            assertEquals(3, loader.batches());
            assertEquals(12, loader.images());
            while (loader.hasNext()) {
                ImageBatch batch = loader.next();
                assertEquals(sizes.size(), batch.index());
                sizes.add(batch.count());
                for (int i = 0; i < batch.count(); i++) {
                    int index = batch.indices()[i];
                    seen.add(index);
                    assertEquals(train.get(index).label(), batch.labels()[i]);
                    assertEquals(batch.labels()[i],
                            TinyImageFolder.dominantClass(batch.pixels(), i * batch.imageBytes(), 32, 32, 16, 16),
                            "colour of " + train.get(index).file());
                }
            }
            assertThrows(NoSuchElementException.class, loader::next);
        }
        assertEquals(List.of(5, 5, 2), sizes);
        assertEquals(Arrays.stream(order).boxed().toList(), seen);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(ImageBatchLoader.order(12, 0, 0, false), sorted);
    }

    @Test
    void epochsAndSeedsShuffleDifferently() {
        assertArrayEquals(ImageBatchLoader.order(100, 1, 2, true), ImageBatchLoader.order(100, 1, 2, true));
        assertFalse(Arrays.equals(ImageBatchLoader.order(100, 1, 2, true), ImageBatchLoader.order(100, 1, 3, true)));
        assertFalse(Arrays.equals(ImageBatchLoader.order(100, 1, 2, true), ImageBatchLoader.order(100, 2, 2, true)));
    }

    @Test
    void sameBytesWhateverTheThreadsAndBatchSize() {
        Map<Integer, byte[]> one = imagesOf(train, options(5, 1), 0);
        Map<Integer, byte[]> four = imagesOf(train, options(3, 4), 0);
        assertEquals(12, one.size());
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(one.get(i), four.get(i), "image " + i);
        }
        Map<Integer, byte[]> otherEpoch = imagesOf(train, options(5, 2), 1);
        assertFalse(Arrays.equals(one.get(0), otherEpoch.get(0)), "a new epoch draws new crops");
        Map<Integer, byte[]> otherSeed = imagesOf(train, LoaderOptions.training(5, 43).withThreads(2), 0);
        assertFalse(Arrays.equals(one.get(0), otherSeed.get(0)), "another seed draws other crops");
    }

    @Test
    void evaluationVisitsTheListingInOrderWithTheCentreCrop() {
        List<LabelledFile> val = folder.files(Split.VAL);
        List<Integer> seen = new ArrayList<>();
        try (ImageBatchLoader loader = ImageBatchLoader.open(val, VAL, LoaderOptions.evaluation(4).withThreads(2), 0)) {
            while (loader.hasNext()) {
                ImageBatch batch = loader.next();
                for (int i = 0; i < batch.count(); i++) {
                    seen.add(batch.indices()[i]);
                    assertArrayEquals(VAL.apply(ImageDecoder.decode(val.get(batch.indices()[i]).file()), null),
                            Arrays.copyOfRange(batch.pixels(), i * batch.imageBytes(), (i + 1) * batch.imageBytes()));
                }
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), seen);
    }

    @Test
    void dropLastLeavesOutTheSmallerBatch() {
        try (ImageBatchLoader loader = ImageBatchLoader.open(train, TRAIN, options(5, 2).withDropLast(true), 0)) {
            assertEquals(2, loader.batches());
            assertEquals(10, loader.images());
            assertEquals(5, loader.next().count());
            assertEquals(5, loader.next().count());
            assertFalse(loader.hasNext());
        }
        try (ImageBatchLoader loader = ImageBatchLoader.open(train, TRAIN, options(20, 2).withDropLast(true), 0)) {
            assertEquals(0, loader.batches());
            assertFalse(loader.hasNext());
        }
    }

    @Test
    void aSlowConsumerNeverHasMoreThanPrefetchPlusOneBatchesDecoded() throws InterruptedException {
        int prefetch = 2;
        AtomicInteger submitted = new AtomicInteger();
        LoaderOptions options = options(1, 3).withPrefetch(prefetch);
        int[] order = ImageBatchLoader.order(12, 42, 0, true);
        try (ImageBatchLoader loader = ImageBatchLoader.open(train, TRAIN, options, 0, order, b -> submitted.incrementAndGet())) {
            assertEquals(prefetch, submitted.get(), "decoding starts on open");
            int taken = 0;
            while (loader.hasNext()) {
                loader.next();
                taken++;
                assertTrue(submitted.get() <= taken + prefetch, submitted.get() + " batches started, " + taken + " taken");
                if (taken == 1) {
                    Thread.sleep(100); // the pool has long finished the prefetch: it must not run further ahead
                    assertEquals(1 + prefetch, submitted.get());
                }
            }
            assertEquals(12, submitted.get());
        }
    }

    @Test
    void corruptJpegEndsTheEpochWithItsName() throws IOException {
        Path corrupt = Files.write(dir.resolve("train/mango/img9.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Path other = Files.write(dir.resolve("train/mango/img9b.jpg"), "also not an image".getBytes());
        List<LabelledFile> files = ImageFolder.open(dir).files(Split.TRAIN);
        assertEquals(corrupt, files.get(8).file());
        int[] listing = ImageBatchLoader.order(files.size(), 0, 0, false);
        try (ImageBatchLoader loader = ImageBatchLoader.open(files, TRAIN, options(4, 3), 0, listing)) {
            loader.next();
            loader.next();
            DatasetException e = assertThrows(DatasetException.class, loader::next);
            // Two bad files in the batch: the first by position is named, every time.
            assertTrue(e.getMessage().startsWith(corrupt + ": "), e.getMessage());
            assertFalse(e.getMessage().contains(other.toString()));
            assertFalse(loader.hasNext());
            assertTrue(loader.isTerminated());
        }
    }

    @Test
    void closingMidEpochStopsTheThreads() {
        ImageBatchLoader loader = ImageBatchLoader.open(train, TRAIN, options(2, 3), 0);
        loader.next();
        assertTrue(loaderThreads() > 0);
        loader.close();
        assertTrue(loader.isTerminated());
        assertEquals(0, loaderThreadsOnceExited());
        assertFalse(loader.hasNext());
        assertThrows(IllegalStateException.class, loader::next);
        loader.close(); // idempotent
    }

    @Test
    void batchGoesToTheDeviceAsUint8AndInt64() {
        EngineSetup.configure();
        ImageBatch batch;
        try (ImageBatchLoader loader = ImageBatchLoader.open(train, TRAIN, options(5, 2), 0)) {
            batch = loader.next();
        }
        try (NDManager manager = NDManager.newBaseManager();
                ImageBatch.Tensors tensors = batch.toDevice(manager)) {
            assertEquals(new Shape(5, 3, 32, 32), tensors.pixels().getShape());
            assertEquals(DataType.UINT8, tensors.pixels().getDataType());
            assertArrayEquals(batch.pixels(), tensors.pixels().toByteArray());
            assertEquals(DataType.INT64, tensors.labels().getDataType());
            assertArrayEquals(Arrays.stream(batch.labels()).asLongStream().toArray(), tensors.labels().toLongArray());
            float[] normalised = Normalization.paper().apply(tensors.pixels()).toFloatArray();
            float expected = ((batch.pixels()[0] & 0xFF) / 255f - 0.485f) / 0.229f;
            assertEquals(expected, normalised[0], 1e-5);
        }
    }

    private static Map<Integer, byte[]> imagesOf(List<LabelledFile> files, LoaderOptions options, int epoch) {
        Map<Integer, byte[]> images = new HashMap<>();
        try (ImageBatchLoader loader = ImageBatchLoader.open(files, TRAIN, options, epoch)) {
            while (loader.hasNext()) {
                ImageBatch batch = loader.next();
                for (int i = 0; i < batch.count(); i++) {
                    images.put(batch.indices()[i],
                            Arrays.copyOfRange(batch.pixels(), i * batch.imageBytes(), (i + 1) * batch.imageBytes()));
                }
            }
        }
        return images;
    }

    /**
     * The loader threads still alive after up to 5 s: a terminated pool's workers have left their
     * tasks but may take a moment to finish exiting on a loaded machine (seen once under CI load).
     */
    private static long loaderThreadsOnceExited() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (loaderThreads() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return loaderThreads();
    }

    private static long loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(ImageBatchLoader.THREAD_PREFIX) && t.isAlive())
                .count();
    }
}
