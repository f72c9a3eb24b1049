package org.reste.tasks.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Per-channel normalisation of uint8 pixels, {@code (x/255 - mean) / std}, done as one multiply
 * and one subtract on the device. The paper's code uses the ImageNet statistics for CIFAR-10.
 */
public record Normalization(float[] mean, float[] std) {

    public static Normalization paper() {
        return new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    /** float32 (n, C, H, W) from uint8 pixels; the scale and shift are made on the batch's manager. */
    public NDArray apply(NDArray pixels) {
        NDManager manager = pixels.getManager();
        int channels = mean.length;
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = 1f / (255f * std[c]);
            shift[c] = mean[c] / std[c];
        }
        Shape perChannel = new Shape(1, channels, 1, 1);
        try (NDArray scaleArray = manager.create(scale, perChannel).toDevice(pixels.getDevice(), false);
                NDArray shiftArray = manager.create(shift, perChannel).toDevice(pixels.getDevice(), false)) {
            return pixels.toType(DataType.FLOAT32, false).muli(scaleArray).subi(shiftArray);
        }
    }
}
