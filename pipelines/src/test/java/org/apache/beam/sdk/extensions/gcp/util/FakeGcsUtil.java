package org.apache.beam.sdk.extensions.gcp.util;

import com.google.api.client.util.DateTime;
import com.google.api.services.storage.model.Objects;
import com.google.api.services.storage.model.StorageObject;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.extensions.gcp.options.GcsOptions;
import org.apache.beam.sdk.extensions.gcp.util.gcsfs.GcsPath;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Test seam for Beam's GcsFileSystem: the {@link GcsUtil} it gets from
 * {@code GcsOptions.getGcsUtil()}, answering from a {@link Storage} (the in-process fake the
 * rest of the test uses) instead of the Cloud Storage JSON API. It lives in Beam's package
 * because GcsUtil's constructor is package-private. It implements exactly the calls
 * GcsFileSystem 2.73.0 makes: match (getObjects, listObjects), open, create, copy, rename,
 * remove. Everything above it (TFRecordIO, WriteFiles' temp files and finalize, FileSystems) is
 * Beam's real code.
 */
public final class FakeGcsUtil extends GcsUtil {

    private final Storage storage;

    private FakeGcsUtil(GcsOptions options, Storage storage) {
        super(options);
        this.storage = storage;
    }

    /** Makes {@code options} reach {@code storage} for every gs:// path Beam's FileSystems handles. */
    public static void install(GcsOptions options, Storage storage) {
        options.setGcpCredential(NoCredentials.getInstance()); // never look for real credentials
        options.setGcsUtil(new FakeGcsUtil(options, storage));
    }

    @Override
    public List<StorageObjectOrIOException> getObjects(List<GcsPath> paths) {
        List<StorageObjectOrIOException> found = new ArrayList<>();
        for (GcsPath path : paths) {
            Blob blob = storage.get(BlobId.of(path.getBucket(), path.getObject()));
            found.add(blob == null
                    ? StorageObjectOrIOException.create(new FileNotFoundException(path.toString()))
                    : StorageObjectOrIOException.create(model(blob)));
        }
        return found;
    }

    @Override
    public Objects listObjects(String bucket, String prefix, String pageToken) {
        List<StorageObject> items = new ArrayList<>();
        storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll().forEach(b -> items.add(model(b)));
        return new Objects().setItems(items);
    }

    @Override
    public SeekableByteChannel open(GcsPath path) throws IOException {
        return new SeekableInMemoryByteChannel(read(path.getBucket(), path.getObject()));
    }

    @Override
    public WritableByteChannel create(GcsPath path, CreateOptions options) {
        BlobInfo.Builder info = BlobInfo.newBuilder(BlobId.of(path.getBucket(), path.getObject()));
        if (options.getContentType() != null) {
            info.setContentType(options.getContentType());
        }
        return storage.writer(info.build());
    }

    @Override
    public void copy(Iterable<String> sources, Iterable<String> destinations) throws IOException {
        Iterator<String> to = destinations.iterator();
        for (String from : sources) {
            GcsPath source = GcsPath.fromUri(from);
            GcsPath target = GcsPath.fromUri(to.next());
            byte[] bytes = read(source.getBucket(), source.getObject());
            storage.create(BlobInfo.newBuilder(BlobId.of(target.getBucket(), target.getObject())).build(), bytes);
        }
    }

    @Override
    public void rename(Iterable<String> sources, Iterable<String> destinations, MoveOptions... options)
            throws IOException {
        boolean ignoreMissing = Arrays.asList(options).contains(MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
        Iterator<String> to = destinations.iterator();
        for (String from : sources) {
            String target = to.next();
            GcsPath source = GcsPath.fromUri(from);
            if (storage.get(BlobId.of(source.getBucket(), source.getObject())) == null && ignoreMissing) {
                continue;
            }
            copy(List.of(from), List.of(target));
            storage.delete(BlobId.of(source.getBucket(), source.getObject()));
        }
    }

    @Override
    public void remove(Collection<String> names) {
        for (String name : names) {
            GcsPath path = GcsPath.fromUri(name);
            storage.delete(BlobId.of(path.getBucket(), path.getObject()));
        }
    }

    private byte[] read(String bucket, String object) throws IOException {
        Blob blob = storage.get(BlobId.of(bucket, object));
        if (blob == null) {
            throw new FileNotFoundException("gs://" + bucket + "/" + object);
        }
        return blob.getContent();
    }

    private static StorageObject model(Blob blob) {
        return new StorageObject()
                .setBucket(blob.getBucket())
                .setName(blob.getName())
                .setSize(BigInteger.valueOf(blob.getSize() == null ? 0 : blob.getSize()))
                .setMd5Hash(blob.getMd5())
                .setUpdated(new DateTime(blob.getUpdateTimeOffsetDateTime() == null ? System.currentTimeMillis()
                        : blob.getUpdateTimeOffsetDateTime().toInstant().toEpochMilli()));
    }
}
