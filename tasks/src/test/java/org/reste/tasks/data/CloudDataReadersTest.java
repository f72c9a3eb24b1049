package org.reste.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reste.tasks.io.FakeGcs;
import org.reste.tasks.io.Locations;

/** The raw data readers on gs:// folders, against the in-process fake of Cloud Storage. */
class CloudDataReadersTest {

    @BeforeEach
    void fake() {
        FakeGcs.install("reste-data");
    }

    @AfterEach
    void real() {
        FakeGcs.uninstall();
    }

    @Test
    void cifarSampleReadsTheSameFromCloudStorage() throws IOException {
        Path local = Locations.projectRoot().resolve(DatasetCatalog.SAMPLE_DIR).resolve("cifar-10-batches-bin");
        Path cloud = Locations.of("gs://reste-data/cifar10-sample");
        try (Stream<Path> files = Files.list(local)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, cloud.resolve("cifar-10-batches-bin").resolve(file.getFileName().toString()));
            }
        }
        InMemoryDataset fromCloud = DatasetCatalog.openInMemory("cifar10", cloud, false);
        InMemoryDataset fromDisk = DatasetCatalog.openInMemory("cifar10", null, false);
        assertArrayEquals(fromDisk.train().pixels(), fromCloud.train().pixels());
        assertArrayEquals(fromDisk.test().labels(), fromCloud.test().labels());
        assertTrue(fromCloud.describe().contains("at gs://reste-data/cifar10-sample/cifar-10-batches-bin"),
                fromCloud.describe());
    }

    @Test
    void aMissingCloudFolderIsNamedByItsUri() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> DatasetCatalog.open("cifar10", Locations.of("gs://reste-data/nothing-here"), false));
        assertEquals("gs://reste-data/nothing-here: CIFAR-10 directory does not exist", e.getMessage());
    }
}
