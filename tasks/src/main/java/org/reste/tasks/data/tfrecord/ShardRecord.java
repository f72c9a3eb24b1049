package org.reste.tasks.data.tfrecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reste.tasks.data.DatasetException;
import org.reste.tasks.data.image.EncodedImage;

/**
 * One record of an encoded TFRecord shard (ImageNet preprocessed by {@code reste preprocess}),
 * located by the index {@link ShardedDataset#splits()} builds: reading it seeks to the record
 * and checks both of its checksums again, so a shard damaged after indexing is still named.
 *
 * @param offset where the record's frame (length, its checksum, data, data checksum) starts
 * @param length the record's data bytes (the serialized {@code tf.train.Example})
 * @param record the record's place in its shard, for errors
 */
public record ShardRecord(Path shard, long offset, int length, int record, int label) implements EncodedImage {

    @Override
    public Path source() {
        return shard;
    }

    @Override
    public byte[] read() {
        ByteBuffer frame = ByteBuffer.allocate(TfRecordReader.HEADER_BYTES + length + TfRecordReader.FOOTER_BYTES);
        try (SeekableByteChannel channel = Files.newByteChannel(shard)) {
            channel.position(offset);
            while (frame.hasRemaining() && channel.read(frame) >= 0) {
                // keep reading: a channel may return fewer bytes than asked
            }
        } catch (IOException e) {
            throw DatasetException.io(shard, e);
        }
        byte[] data;
        try (TfRecordReader reader = new TfRecordReader(new ByteArrayInputStream(frame.array(), 0, frame.position()), shard,
                offset, record)) {
            data = reader.next();
        }
        if (data == null || data.length != length) {
            throw DatasetException.at(shard, "record %,d (at byte %,d): not the %,d-byte record indexed", record, offset, length);
        }
        try {
            return TfExample.parse(data).bytes(TfExample.IMAGE_ENCODED);
        } catch (IllegalArgumentException e) {
            throw DatasetException.at(shard, "record %,d: %s", record, e.getMessage());
        }
    }
}
