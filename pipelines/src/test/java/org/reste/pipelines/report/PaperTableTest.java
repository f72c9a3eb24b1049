package org.reste.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tables name the data so that a committed table reads the same from any checkout. */
class PaperTableTest {

    @Test
    void theShippedSampleIsNamedRelativeToTheProjectWhereverTheRecordWasMade() {
        String here = System.getProperty("reste.root", "..");
        String root = java.nio.file.Path.of(here).toAbsolutePath().normalize().toString();
        String expected = "CIFAR-10 slice (1,000 train / 500 test images) at data/cifar10-sample/cifar-10-batches-bin";
        assertEquals(expected, PaperTable.relative(
                "CIFAR-10 slice (1,000 train / 500 test images) at " + root + "/data/cifar10-sample/cifar-10-batches-bin"));
        assertEquals(expected, PaperTable.relative(
                "CIFAR-10 slice (1,000 train / 500 test images) at /elsewhere/main/data/cifar10-sample/cifar-10-batches-bin"));
        // Data outside any project is where it was.
        assertEquals("CIFAR-10 binary batches at /work/shared/data/cifar10/cifar-10-batches-bin",
                PaperTable.relative("CIFAR-10 binary batches at /work/shared/data/cifar10/cifar-10-batches-bin"));
    }
}
