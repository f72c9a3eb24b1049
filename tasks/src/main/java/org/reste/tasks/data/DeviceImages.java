package org.reste.tasks.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/**
 * A whole split uploaded once to the training device as uint8 NCHW pixels and int64 labels, so
 * that a step only gathers its batch there (airbench's habit: the data never leaves the device).
 * 50,000 CIFAR images are 150 MB as uint8.
 */
public final class DeviceImages implements AutoCloseable {

    private final NDArray pixels;
    private final NDArray labels;
    private final int size;
    private final int numClasses;

    private DeviceImages(NDArray pixels, NDArray labels, int size, int numClasses) {
        this.pixels = pixels;
        this.labels = labels;
        this.size = size;
        this.numClasses = numClasses;
    }

    public static DeviceImages upload(ImageSet set, NDManager manager) {
        Shape shape = new Shape(set.size(), set.channels(), set.height(), set.width());
        NDArray pixels = manager.create(ByteBuffer.wrap(set.pixels()), shape, DataType.UINT8);
        long[] labels = new long[set.size()];
        int[] source = set.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = source[i];
        }
        return new DeviceImages(pixels, manager.create(labels), set.size(), set.numClasses());
    }

    public int size() {
        return size;
    }

    public int numClasses() {
        return numClasses;
    }

    /** uint8 (n, C, H, W) for the given rows, made on {@code indices}' manager. */
    public NDArray pixels(NDArray indices) {
        NDArray rows = pixels.get(indices);
        rows.attach(indices.getManager());
        return rows;
    }

    /** int64 (n) labels for the given rows. */
    public NDArray labels(NDArray indices) {
        NDArray rows = labels.get(indices);
        rows.attach(indices.getManager());
        return rows;
    }

    public Shape imageShape() {
        Shape shape = pixels.getShape();
        return new Shape(shape.get(1), shape.get(2), shape.get(3));
    }

    @Override
    public void close() {
        pixels.close();
        labels.close();
    }
}
