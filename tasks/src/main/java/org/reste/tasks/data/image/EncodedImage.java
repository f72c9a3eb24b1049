package org.reste.tasks.data.image;

import java.nio.file.Path;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.raw.LabelledFile;
import org.reste.tasks.data.tfrecord.ShardRecord;

/**
 * One encoded (JPEG or PNG) image and its class, read when a loader decodes it: a file of a
 * class folder ({@link LabelledFile}) or a record of a preprocessed TFRecord shard
 * ({@link ShardRecord}). The streamed training path sees only this.
 */
public interface EncodedImage {

    int label();

    /** The file it lives in, named in every error about it. */
    Path source();

    /**
     * The encoded bytes.
     *
     * @throws DatasetException naming {@link #source()} when they cannot be read
     */
    byte[] read();
}
