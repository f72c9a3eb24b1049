package org.reste.tasks.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reste.tasks.train.PathRunStore;

/** AtomicFiles and the run store on gs:// paths, against the in-process fake of Cloud Storage. */
class CloudStorageWritesTest {

    private FakeGcs gcs;

    @BeforeEach
    void fake() {
        gcs = FakeGcs.install("reste-test");
    }

    @AfterEach
    void real() {
        FakeGcs.uninstall();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void locationsNameBucketAndObject() {
        Path path = Locations.of("gs://reste-test/results/runs/abc.json");
        assertTrue(Locations.isCloud(path));
        assertEquals("reste-test", Locations.bucket(path));
        assertEquals("results/runs/abc.json", Locations.objectName(path));
        assertEquals("gs://reste-test/results/runs/abc.json", Locations.show(path));
        assertEquals("gs://reste-test/results/tables", Locations.show(Locations.of("gs://reste-test/results").resolve("tables")));
        assertFalse(Locations.isCloud(Locations.of("results/runs")));
        IllegalArgumentException noBucket = assertThrows(IllegalArgumentException.class, () -> Locations.of("gs:///x"));
        assertTrue(noBucket.getMessage().contains("no bucket"), noBucket.getMessage());
    }

    @Test
    void writeCreatesThenReplacesTheWholeObjectWithNothingElseLeft() throws Exception {
        Path target = Locations.of("gs://reste-test/results/runs/r1.json");
        AtomicFiles.write(target, utf8("{\"v\":1}"));
        assertArrayEquals(utf8("{\"v\":1}"), gcs.read("gs://reste-test/results/runs/r1.json"));
        long first = gcs.generation("gs://reste-test/results/runs/r1.json");

        AtomicFiles.write(target, utf8("{\"v\":2}"));
        assertEquals("{\"v\":2}", Files.readString(target), "read back through the nio path");
        assertTrue(gcs.generation("gs://reste-test/results/runs/r1.json") > first, "a new generation replaced the old");
        assertEquals(List.of("gs://reste-test/results/runs/r1.json"), gcs.list("gs://reste-test/results/"),
                "no temp objects: the object is uploaded whole, never renamed");
    }

    @Test
    void aWriterThatRacedIsReportedAndNotOverwritten() {
        Path target = Locations.of("gs://reste-test/results/runs/r2.json");
        AtomicFiles.write(target, utf8("mine v1"));
        // another writer replaces the object after this one read its generation, before it uploads
        gcs.beforeNextUpload(() -> AtomicFiles.write(target, utf8("theirs")));

        CloudObjects.ConcurrentWriteException e = assertThrows(CloudObjects.ConcurrentWriteException.class,
                () -> AtomicFiles.write(target, utf8("mine v2")));
        assertTrue(e.getMessage().startsWith("gs://reste-test/results/runs/r2.json: another writer changed the object"),
                e.getMessage());
        assertArrayEquals(utf8("theirs"), gcs.read("gs://reste-test/results/runs/r2.json"), "the other write stands");
    }

    @Test
    void aNewObjectCreatedByARacingWriterIsNotOverwritten() {
        Path target = Locations.of("gs://reste-test/shards/manifest.json");
        gcs.beforeNextUpload(() -> AtomicFiles.write(target, utf8("theirs")));

        CloudObjects.ConcurrentWriteException e = assertThrows(CloudObjects.ConcurrentWriteException.class,
                () -> AtomicFiles.write(target, utf8("mine")));
        assertTrue(e.getMessage().contains("expected no object"), e.getMessage());
        assertArrayEquals(utf8("theirs"), gcs.read("gs://reste-test/shards/manifest.json"));
    }

    @Test
    void transientErrorsAreRetriedByTheClient() {
        gcs.failNextUploads(FakeGcs.ATTEMPTS - 1, 503);
        new CloudObjects(gcs.storage()).write("reste-test", "results/checkpoints/c.ckpt", utf8("weights"));
        assertArrayEquals(utf8("weights"), gcs.read("gs://reste-test/results/checkpoints/c.ckpt"));
        assertEquals(FakeGcs.ATTEMPTS, gcs.uploads(), "the failed attempts and the one that landed");
    }

    @Test
    void transientErrorsThatOutlastTheRetriesNameTheObject() {
        gcs.failNextUploads(10 * FakeGcs.ATTEMPTS, 429);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CloudObjects(gcs.storage()).write("reste-test", "results/runs/r3.json", utf8("x")));
        assertTrue(e.getMessage().startsWith("gs://reste-test/results/runs/r3.json: Cloud Storage still failing after "
                + FakeGcs.ATTEMPTS + " attempts (HTTP 429"), e.getMessage());
        assertEquals(FakeGcs.ATTEMPTS, gcs.uploads(), "the client's attempts, and no retry loop stacked on them");
        assertFalse(gcs.exists("gs://reste-test/results/runs/r3.json"));
    }

    @Test
    void aMissingBucketIsOneClearError() {
        IllegalArgumentException write = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.write(Locations.of("gs://no-such-bucket/results/runs/r.json"), utf8("x")));
        assertEquals("gs://no-such-bucket: the bucket does not exist (check the name and the project;"
                + " this program does not create buckets)", write.getMessage());
        IllegalArgumentException store = assertThrows(IllegalArgumentException.class,
                () -> new PathRunStore(Locations.of("gs://no-such-bucket/results")));
        assertTrue(store.getMessage().startsWith("gs://no-such-bucket: the bucket does not exist"), store.getMessage());
    }

    @Test
    void runStoreKeepsRecordsAndCheckpointsUnderAGsPrefix() {
        PathRunStore store = new PathRunStore(Locations.of("gs://reste-test/results"));
        assertEquals(Optional.empty(), store.readCheckpoint("run1"));
        store.writeCheckpoint("run1", new byte[] {1, 2, 3});
        store.writeCheckpoint("run1", new byte[] {4, 5, 6, 7});
        assertArrayEquals(new byte[] {4, 5, 6, 7}, store.readCheckpoint("run1").orElseThrow());
        assertArrayEquals(new byte[] {4, 5, 6, 7}, gcs.read("gs://reste-test/results/checkpoints/run1.ckpt"));
        store.deleteCheckpoint("run1");
        assertFalse(gcs.exists("gs://reste-test/results/checkpoints/run1.ckpt"));
        assertEquals("gs://reste-test/results/runs/run1.json", store.recordLocation("run1"));
        assertEquals(Optional.empty(), store.readRecord("run1"));
    }
}
