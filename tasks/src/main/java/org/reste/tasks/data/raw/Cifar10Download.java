package org.reste.tasks.data.raw;

import ai.djl.util.TarUtils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.io.FileTrees;
import org.reste.tasks.io.UrlConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the CIFAR-10 binary batches are on disk: the product's real acquisition path
 * (where a network exists), as opposed to the shared copy that tests use.
 *
 * <p>The steps — {@link #download}, {@link #verifyMd5}, {@link #extract} — are public and take any
 * {@link URL}, so tests drive them with a tiny archive over {@code file://}. Extraction goes into a
 * temp folder that is renamed into place, so a killed run never leaves a half-written data set.
 */
public final class Cifar10Download {

    public static final String OFFICIAL_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** md5 of the official archive, as published on the CIFAR page. */
    public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String ARCHIVE_NAME = "cifar-10-binary.tar.gz";

    private static final Logger LOG = LoggerFactory.getLogger(Cifar10Download.class);

    private Cifar10Download() {
    }

    /** {@link #ensure(Path, boolean, URL, String)} with the official URL and md5. */
    public static Path ensure(Path targetDir, boolean allowDownload) {
        return ensure(targetDir, allowDownload, officialUrl(), OFFICIAL_MD5);
    }

    /**
     * Returns the folder holding the six batch files: {@code targetDir} itself or its
     * {@code cifar-10-batches-bin} child if complete; else, if allowed, downloads {@code source},
     * checks its md5, extracts it under {@code targetDir} and returns the new folder.
     *
     * @throws DatasetException if the data is missing and may not be downloaded, or any step fails
     */
    public static Path ensure(Path targetDir, boolean allowDownload, URL source, String expectedMd5) {
        Path dir = targetDir.toAbsolutePath().normalize();
        Optional<Path> existing = findExisting(dir);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!allowDownload) {
            throw DatasetException.at(dir, "CIFAR-10 data is missing: looked for %s in %s and in %s."
                    + " Rerun with --download to fetch %s, or pass --data DIR with DIR holding %s or its parent",
                    String.join(", ", Cifar10Binary.ALL_FILES), dir, dir.resolve(Cifar10Binary.FOLDER_NAME),
                    source, Cifar10Binary.FOLDER_NAME);
        }
        refuseIncompleteFolder(dir.resolve(Cifar10Binary.FOLDER_NAME)); // before spending the download
        Path archive = download(source, dir);
        try {
            try {
                verifyMd5(archive, expectedMd5);
            } catch (DatasetException e) {
                throw new DatasetException(e.getMessage() + "; downloaded from " + source + ", deleted", e);
            }
            return extract(archive, dir);
        } finally {
            deleteQuietly(archive);
        }
    }

    /** An existing folder is the user's to inspect: never overwrite or merge into it. */
    private static void refuseIncompleteFolder(Path folder) {
        if (Files.exists(folder)) {
            List<String> missing = Cifar10Binary.missingFiles(folder);
            throw DatasetException.at(folder, "%s", missing.isEmpty()
                    ? "already exists; not extracting over it"
                    : "exists but is incomplete (missing " + String.join(", ", missing) + "); delete it and retry");
        }
    }

    /** {@code dir} or {@code dir/cifar-10-batches-bin}, whichever holds all six files. */
    public static Optional<Path> findExisting(Path dir) {
        for (Path candidate : List.of(dir.resolve(Cifar10Binary.FOLDER_NAME), dir)) {
            if (Files.isDirectory(candidate) && Cifar10Binary.missingFiles(candidate).isEmpty()) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * Copies {@code source} to a new temp file in {@code dir} (created if needed), logging progress
     * about every 10%. The caller owns, and deletes, the returned file.
     */
    public static Path download(URL source, Path dir) {
        Path temp;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ARCHIVE_NAME + ".", ".part");
        } catch (IOException e) {
            throw DatasetException.io(dir, e);
        }
        try {
            URLConnection connection = UrlConnections.open(source); // fails here, before logging, if the source is not there
            long total = connection.getContentLengthLong();
            LOG.info("Downloading CIFAR-10 from {} ({} bytes) to {}", source,
                    total < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", total), temp);
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(temp)) {
                copyWithProgress(in, out, total);
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new DatasetException(String.format(Locale.ROOT,
                    "download of %s to %s failed: %s", source, temp, e), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Copies, logging every ~10% of {@code total} (or every 16 MiB when the length is unknown). */
    private static void copyWithProgress(InputStream in, OutputStream out, long total) throws IOException {
        long step = total > 0 ? Math.max(1, total / 10) : 16L << 20;
        long done = 0;
        long nextLog = step;
        byte[] buf = new byte[1 << 16];
        for (int read; (read = in.read(buf)) >= 0; ) {
            out.write(buf, 0, read);
            done += read;
            if (done >= nextLog) {
                LOG.info("CIFAR-10 download: {}", total > 0
                        ? String.format(Locale.ROOT, "%,d / %,d bytes (%d%%)", done, total, done * 100 / total)
                        : String.format(Locale.ROOT, "%,d bytes", done));
                nextLog = (done / step + 1) * step;
            }
        }
    }

    /** @throws DatasetException naming the file, the expected and the actual md5 on a mismatch */
    public static void verifyMd5(Path file, String expectedMd5) {
        String actual = md5Hex(file);
        if (!actual.equalsIgnoreCase(expectedMd5)) {
            throw DatasetException.at(file, "md5 mismatch: expected %s, got %s (corrupt or incomplete download)",
                    expectedMd5.toLowerCase(Locale.ROOT), actual);
        }
        LOG.info("md5 ok: {} {}", actual, file);
    }

    /** Lower-case hex md5 of a file's bytes. */
    public static String md5Hex(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int read; (read = in.read(buf)) >= 0; ) {
                md5.update(buf, 0, read);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (IOException e) {
            throw DatasetException.io(file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /**
     * Extracts a tar.gz holding {@code cifar-10-batches-bin/} into {@code targetDir}: first into a
     * temp folder there, then one rename, so the folder appears whole or not at all.
     *
     * @return {@code targetDir/cifar-10-batches-bin}
     */
    public static Path extract(Path archive, Path targetDir) {
        Path dir = targetDir.toAbsolutePath().normalize();
        Path finalFolder = dir.resolve(Cifar10Binary.FOLDER_NAME);
        refuseIncompleteFolder(finalFolder);
        Path temp;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempDirectory(dir, ".cifar10-extract-");
        } catch (IOException e) {
            throw DatasetException.io(dir, e);
        }
        try {
            untar(archive, temp);
            Path extracted = temp.resolve(Cifar10Binary.FOLDER_NAME);
            List<String> missing = Files.isDirectory(extracted)
                    ? Cifar10Binary.missingFiles(extracted) : Cifar10Binary.ALL_FILES;
            if (!missing.isEmpty()) {
                throw DatasetException.at(archive, "archive lacks %s/%s", Cifar10Binary.FOLDER_NAME,
                        String.join(", ", missing));
            }
            moveAtomically(extracted, finalFolder);
            LOG.info("CIFAR-10 extracted to {}", finalFolder);
            return finalFolder;
        } finally {
            FileTrees.deleteQuietly(temp);
        }
    }

    /** DJL's untar, which refuses entries with ".." (they could land outside {@code into}). */
    private static void untar(Path archive, Path into) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            TarUtils.untar(in, into, true);
        } catch (IOException e) {
            throw DatasetException.at(archive, "cannot unpack: %s", e.getMessage());
        }
    }

    private static void moveAtomically(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw DatasetException.at(to, "cannot rename %s into place atomically: %s", from, e.getMessage());
        } catch (IOException e) {
            throw DatasetException.io(to, e);
        }
    }

    private static URL officialUrl() {
        try {
            return URI.create(OFFICIAL_URL).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file, e.toString());
        }
    }
}
