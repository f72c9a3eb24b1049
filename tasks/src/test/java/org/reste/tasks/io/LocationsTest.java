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

    private static String message(String value) {
        return assertThrows(IllegalArgumentException.class, () -> folder(value)).getMessage();
    }
}
