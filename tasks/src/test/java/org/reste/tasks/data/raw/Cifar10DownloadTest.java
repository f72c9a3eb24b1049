package org.reste.tasks.data.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.testing.SharedData;

/** The download path, driven over file:// with tiny generated archives; no network. */
class Cifar10DownloadTest {

    @TempDir
    Path tmp;

    private static byte[] content(String name) {
        return ("fake " + name).getBytes(StandardCharsets.UTF_8);
    }

    /** A tar.gz like the official one: {@code cifar-10-batches-bin/} and the given files in it. */
    private Path archive(List<String> entries) throws IOException {
        Path file = Files.createDirectories(tmp.resolve("server")).resolve("cifar-10-binary.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(file)))) {
            tar.putArchiveEntry(new TarArchiveEntry("cifar-10-batches-bin/"));
            tar.closeArchiveEntry();
            for (String name : entries) {
                byte[] bytes = content(name);
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private Path officialLikeArchive() throws IOException {
        return archive(Cifar10Binary.ALL_FILES.stream().map(n -> "cifar-10-batches-bin/" + n).toList());
    }

    private static URL url(Path file) throws IOException {
        return file.toUri().toURL();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsVerifiesAndExtracts() throws IOException {
        Path archive = officialLikeArchive();
        Path target = tmp.resolve("data"); // does not exist yet
        Path folder = Cifar10Download.ensure(target, true, url(archive), Cifar10Download.md5Hex(archive));

        assertEquals(target.resolve("cifar-10-batches-bin"), folder);
        for (String name : Cifar10Binary.ALL_FILES) {
            assertArrayEquals(content("cifar-10-batches-bin/" + name), Files.readAllBytes(folder.resolve(name)));
        }
        assertEquals(List.of("cifar-10-batches-bin"), listing(target), "no temp archive or folder left");
        // a second call finds it and does not download (the URL now points nowhere)
        assertEquals(folder, Cifar10Download.ensure(target, true, url(tmp.resolve("gone.tar.gz")), "x"));
    }

    @Test
    void badMd5IsReportedAndTheDownloadDeleted() throws IOException {
        Path archive = officialLikeArchive();
        String actual = Cifar10Download.md5Hex(archive);
        Path target = tmp.resolve("data");
        String wrong = "0123456789abcdef0123456789abcdef";
        DatasetException e = assertThrows(DatasetException.class,
                () -> Cifar10Download.ensure(target, true, url(archive), wrong));
        String message = e.getMessage();
        assertTrue(message.startsWith(target + "/cifar-10-binary.tar.gz."), message);
        assertTrue(message.contains(".part: md5 mismatch: expected " + wrong + ", got " + actual), message);
        assertTrue(message.endsWith("; downloaded from " + url(archive) + ", deleted"), message);
        assertEquals(List.of(), listing(target), "the bad download is gone and nothing was extracted");
    }

    @Test
    void stepsWorkOnTheirOwn() throws IOException {
        Path archive = officialLikeArchive();
        Path target = tmp.resolve("data");
        Path downloaded = Cifar10Download.download(url(archive), target);
        assertEquals(target, downloaded.getParent());
        assertArrayEquals(Files.readAllBytes(archive), Files.readAllBytes(downloaded));

        Cifar10Download.verifyMd5(downloaded, Cifar10Download.md5Hex(archive).toUpperCase());
        DatasetException e = assertThrows(DatasetException.class,
                () -> Cifar10Download.verifyMd5(downloaded, Cifar10Download.OFFICIAL_MD5));
        assertEquals(downloaded + ": md5 mismatch: expected c32a1d4ab5d03f1284b67883e8d87530, got "
                + Cifar10Download.md5Hex(archive) + " (corrupt or incomplete download)", e.getMessage());

        Path folder = Cifar10Download.extract(downloaded, target);
        assertEquals(Cifar10Binary.ALL_FILES, listing(folder));
    }

    @Test
    void md5OfKnownBytes() throws IOException {
        Path file = Files.writeString(tmp.resolve("abc"), "abc");
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Cifar10Download.md5Hex(file));
    }

    @Test
    void failedDownloadLeavesNothing() throws IOException {
        Path target = tmp.resolve("data");
        URL missing = url(tmp.resolve("no-such.tar.gz"));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10Download.download(missing, target));
        assertTrue(e.getMessage().startsWith("download of " + missing + " to " + target), e.getMessage());
        assertEquals(List.of(), listing(target));
    }

    @Test
    void archiveWithoutAllFilesIsRejectedAtomically() throws IOException {
        Path archive = archive(List.of("cifar-10-batches-bin/data_batch_1.bin"));
        Path target = Files.createDirectories(tmp.resolve("data"));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10Download.extract(archive, target));
        assertEquals(archive + ": archive lacks cifar-10-batches-bin/data_batch_2.bin, data_batch_3.bin,"
                + " data_batch_4.bin, data_batch_5.bin, test_batch.bin", e.getMessage());
        assertEquals(List.of(), listing(target), "no half-extracted folder");
    }

    @Test
    void entriesEscapingTheFolderAreRefused() throws IOException {
        Path archive = archive(List.of("../escaped.bin"));
        Path target = Files.createDirectories(tmp.resolve("data"));
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10Download.extract(archive, target));
        assertEquals(archive + ": cannot unpack: Invalid archive entry, contains traversal elements: ../escaped.bin",
                e.getMessage());
        assertEquals(List.of(), listing(target));
        assertTrue(Files.notExists(tmp.resolve("escaped.bin")));
    }

    @Test
    void missingWithoutDownloadSaysWhereItLookedAndWhatToDo() {
        Path target = tmp.resolve("empty");
        DatasetException e = assertThrows(DatasetException.class, () -> Cifar10Download.ensure(target, false));
        String message = e.getMessage();
        assertTrue(message.startsWith(target + ": CIFAR-10 data is missing: looked for data_batch_1.bin, "), message);
        assertTrue(message.contains(" in " + target + " and in " + target.resolve("cifar-10-batches-bin")), message);
        assertTrue(message.contains("--download to fetch " + Cifar10Download.OFFICIAL_URL), message);
        assertTrue(message.contains("--data DIR"), message);
    }

    @Test
    void incompleteFolderIsNeverOverwritten() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("data/cifar-10-batches-bin"));
        Files.write(folder.resolve("data_batch_1.bin"), new byte[1]);
        URL neverFetched = url(tmp.resolve("gone.tar.gz"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> Cifar10Download.ensure(tmp.resolve("data"), true, neverFetched, "x"));
        assertEquals(folder + ": exists but is incomplete (missing data_batch_2.bin, data_batch_3.bin,"
                + " data_batch_4.bin, data_batch_5.bin, test_batch.bin); delete it and retry", e.getMessage());
    }

    @Test
    void findsTheSharedCopyByFolderOrParent() {
        Path shared = SharedData.cifar10();
        assertEquals(shared, Cifar10Download.ensure(shared, false));
        assertEquals(shared, Cifar10Download.ensure(shared.getParent(), false));
    }
}
