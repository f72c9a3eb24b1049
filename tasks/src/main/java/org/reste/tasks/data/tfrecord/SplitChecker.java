package org.reste.tasks.data.tfrecord;

import java.nio.file.Path;
import java.util.BitSet;
import org.reste.tasks.data.DatasetException;

/**
 * Checks the records of one split as they stream by, for both the manifest writer and the
 * reader: each id is {@code <dataset>/<split>/<index>} with an index seen once, each label is a
 * class, raw pixels have the manifest's shape; at the end the indices are exactly 0..count-1.
 */
final class SplitChecker {

    private final ShardManifest manifest;
    private final String split;
    private final String idPrefix;
    private final int expectedCount;
    private final BitSet seen = new BitSet();
    private final int[] classCounts;
    private int count;

    /** @param expectedCount the split's declared count, or -1 if not yet known (while writing the manifest) */
    SplitChecker(ShardManifest manifest, String split, int expectedCount) {
        this.manifest = manifest;
        this.split = split;
        this.idPrefix = manifest.dataset() + "/" + split + "/";
        this.expectedCount = expectedCount;
        this.classCounts = new int[manifest.numClasses()];
    }

    /** A checked record of the split. */
    record Checked(int index, int label) {}

    /**
     * @throws DatasetException naming {@code shard} and the record index if the record does not belong
     */
    Checked accept(TfExample example, Path shard, int record) {
        try {
            String id = example.string(TfExample.ID);
            if (!id.startsWith(idPrefix)) {
                throw new IllegalArgumentException("id '" + id + "' does not start with '" + idPrefix + "'");
            }
            int index = TfExample.indexOf(id);
            if (expectedCount >= 0 && index >= expectedCount) {
                throw new IllegalArgumentException("id '" + id + "': index " + index
                        + " is outside the split's 0.." + (expectedCount - 1));
            }
            if (seen.get(index)) {
                throw new IllegalArgumentException("id '" + id + "' appears twice in split " + split);
            }
            long label = example.int64(TfExample.LABEL);
            if (label < 0 || label >= manifest.numClasses()) {
                throw new IllegalArgumentException("label " + label + " is outside 0.." + (manifest.numClasses() - 1));
            }
            if (manifest.isRaw()) {
                checkShape(example);
            } else if (!example.has(TfExample.IMAGE_ENCODED)) {
                throw new IllegalArgumentException("feature '" + TfExample.IMAGE_ENCODED + "' is missing");
            }
            seen.set(index);
            classCounts[(int) label]++;
            count++;
            return new Checked(index, (int) label);
        } catch (IllegalArgumentException e) {
            throw DatasetException.at(shard, "record %,d: %s", record, e.getMessage());
        }
    }

    private void checkShape(TfExample example) {
        long c = example.int64(TfExample.CHANNELS);
        long h = example.int64(TfExample.HEIGHT);
        long w = example.int64(TfExample.WIDTH);
        if (c != manifest.channels() || h != manifest.height() || w != manifest.width()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "image is %dx%dx%d, the manifest says %dx%dx%d",
                    c, h, w, manifest.channels(), manifest.height(), manifest.width()));
        }
        int bytes = example.bytes(TfExample.IMAGE_RAW).length;
        if (bytes != c * h * w) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "'%s' has %,d bytes, expected %,d (%dx%dx%d)", TfExample.IMAGE_RAW, bytes, c * h * w, c, h, w));
        }
    }

    /** After the last record: indices must be exactly 0..count-1. */
    void finish(Path where) {
        int firstMissing = seen.nextClearBit(0);
        if (firstMissing != count) {
            throw DatasetException.at(where, "split %s: %,d records, but index %,d is missing (ids must number 0..%,d)",
                    split, count, firstMissing, count - 1);
        }
        if (expectedCount >= 0 && count != expectedCount) {
            throw DatasetException.at(where, "split %s: %,d records in the shards, the manifest says %,d",
                    split, count, expectedCount);
        }
    }

    int count() {
        return count;
    }

    int[] classCounts() {
        return classCounts.clone();
    }
}
