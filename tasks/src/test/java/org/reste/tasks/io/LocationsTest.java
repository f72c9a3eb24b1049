package org.reste.tasks.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Locations.folder: the one form of a folder option, for gs:// and local paths alike. */
class LocationsTest {

    @BeforeEach
    void fakeStorage() {
        FakeGcs.install("bucket"); // gs:// paths without credentials
    }

    @AfterEach
    void realStorage() {
        FakeGcs.uninstall();
    }

    private static String folder(String value) {
        return Locations.uri(Locations.folder("--out", Path.of("/root/reste"), value));
    }

    @Test
    void everyWayOfNamingAFolderGivesOneForm() {
        assertEquals("gs://bucket/dir", folder("gs://bucket/dir/"));
        assertEquals("gs://bucket/dir", folder("gs://bucket/dir"));
        assertEquals("gs://bucket/dir/sub", folder("gs://bucket/dir//x/../sub//"));
        assertEquals("gs://bucket/", folder("gs://bucket"));
        assertEquals("gs://bucket/", folder("gs://bucket/"));
        assertEquals("/root/reste/results", folder("results"));
        assertEquals("/root/reste/results", folder("./results/"));
        assertEquals("/data/cifar", folder("/data/x/../cifar"));
        assertEquals(folder("gs://bucket/dir/"), folder(folder("gs://bucket/dir/")), "normalized twice, the same");
    }

    @Test
    void aBadFolderIsOneErrorNamingTheOption() {
        assertEquals("--out is required", message(" "));
        assertEquals("--out gs://: no bucket name after gs://", message("gs://"));
        assertEquals("--out gs:///x: no bucket name after gs://", message("gs:///x"));
        assertEquals("--out s3://b/x: only local folders and gs://bucket/prefix are supported", message("s3://b/x"));
    }

    @Test
    void recordsNameDataInOrBesideTheProjectRelativeToIt() {
        Path root = Path.of("/work/main");
        assertEquals("CIFAR-10 binary batches at ../shared/data/cifar10/cifar-10-batches-bin",
                Locations.relativeTo(root, "CIFAR-10 binary batches at /work/shared/data/cifar10/cifar-10-batches-bin"));
        assertEquals("slice at data/cifar10-sample/cifar-10-batches-bin (at most 10 train)",
                Locations.relativeTo(root, "slice at /work/main/data/cifar10-sample/cifar-10-batches-bin (at most 10 train)"));
        assertEquals("shards (at ../x) of toy", Locations.relativeTo(root, "shards (at /work/x) of toy"));
        // Only a whole path prefix: look-alike folders, other trees and gs:// stay as they are.
        assertEquals("at /workspace/data and /home/work/data and gs://work/data",
                Locations.relativeTo(root, "at /workspace/data and /home/work/data and gs://work/data"));
        assertEquals("at /data/cifar", Locations.relativeTo(Path.of("/reste"), "at /data/cifar"), "no ../ out of the file system root");
    }

    private static String message(String value) {
        return assertThrows(IllegalArgumentException.class, () -> folder(value)).getMessage();
    }
}
