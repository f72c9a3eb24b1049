package org.reste.tasks.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reste.tasks.estimator.ReSTE;
import org.reste.tasks.nn.BinaryConv2d;

/**
 * The bitwise convolution gives libtorch's {@code conv2d(sign(x), sign(w)) * scale} to the bit,
 * for every channel layout it takes (a pixel's channels in part of an int, in one and a half, or in
 * several whole ints), strides 1 and 2, kernels 1 and 3, with the zero padding and exact zeros
 * among the inputs; and it steps aside where it must.
 */
class XnorConvolutionTest {

    private static final float SCALE = 0.0371f;

    @BeforeAll
    static void engine() {
        EngineSetup.configure();
        assertTrue(XnorConvolution.enabled());
    }

    @ParameterizedTest(name = "{0}->{1} channels, k{2}, stride {3}, pad {4}, {5}x{5}")
    @CsvSource({
        "16, 16, 3, 1, 1, 9", // ResNet-20 stage 1
        "16, 32, 3, 2, 1, 9", // the stride-2 first conv of stage 2, odd size
        "32, 32, 3, 1, 1, 6",
        "64, 64, 3, 1, 1, 5",
        "128, 64, 3, 2, 1, 6", // four ints a pixel
        "48, 8, 3, 1, 1, 5", // a second int half used
        "3, 5, 1, 1, 0, 4", // 1x1, no padding
        "8, 8, 3, 1, 0, 7",
        "96, 4, 3, 1, 1, 4", // three ints a pixel
        "16, 16, 3, 2, 1, 8"}) // stride 2, even size
    void equalsLibtorchOnTheSigns(int in, int out, int kernel, int stride, int padding, int size) {
        Engine.getInstance().setRandomSeed(in * 31 + out + size);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(5, in, size, size));
            // Exact zeros where sign gives 0, as ReLU -> BN outputs and torch.sign(0) can.
            x = x.mul(x.abs().gt(0.3f).toType(DataType.FLOAT32, false));
            NDArray w = manager.randomNormal(new Shape(out, in, kernel, kernel));
            NDArray expected = Conv2d.conv2d(x.sign(), w.sign(), null, new Shape(stride, stride),
                    new Shape(padding, padding), new Shape(1, 1)).singletonOrThrow().mul(SCALE);
            XnorConvolution conv = XnorConvolution.of(w.toFloatArray(), in, out, kernel, stride, padding);
            assertNotNull(conv);
            NDArray actual = conv.apply(x, SCALE);
            assertEquals(expected.getShape(), actual.getShape());
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 0f);
        }
    }

    @ParameterizedTest(name = "stride {0}")
    @CsvSource({"1, 6, true", "2, 6, true", "1, 6, false", "2, 7, false", "2, 7, true"})
    void imagesStackedGiveTheSumsOfEachAlone(int stride, int size, boolean zeros) {
        java.util.Random random = new java.util.Random(stride);
        int channels = 40;
        float[] filters = new float[8 * channels * 9];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = (float) random.nextGaussian();
        }
        XnorConvolution conv = XnorConvolution.of(filters, channels, 8, 3, stride, 1);
        float[][] images = new float[3][channels * size * size];
        for (float[] image : images) {
            for (int i = 0; i < image.length; i++) {
                image[i] = zeros && random.nextInt(5) == 0 ? 0f : (float) random.nextGaussian();
            }
        }
        XnorConvolution.Scratch stacked = conv.scratch(size, size, 3);
        for (int b = 0; b < 3; b++) {
            assertTrue(stacked.input.pack(images[b], 0, b));
        }
        int[][] together = stacked.run();
        int outSize = conv.outHeight(size);
        for (int b = 0; b < 3; b++) {
            XnorConvolution.Scratch alone = conv.scratch(size, size, 1);
            assertTrue(alone.input.pack(images[b], 0, 0));
            int[][] sums = alone.run();
            for (int o = 0; o < 8; o++) {
                for (int y = 0; y < outSize; y++) {
                    for (int x = 0; x < conv.outWidth(size); x++) {
                        assertEquals(sums[o][alone.rowStart(0, y) + x], together[o][stacked.rowStart(b, y) + x],
                                "image " + b + ", channel " + o + ", (" + y + ", " + x + ")");
                    }
                }
            }
        }
    }

    @Test
    void stepsAsideForZeroOrNaNFiltersNaNInputsAndFloat64() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] filters = manager.randomNormal(new Shape(4, 4, 3, 3)).toFloatArray();
            filters[7] = 0f;
            assertNull(XnorConvolution.of(filters, 4, 4, 3, 1, 1), "a zero filter weight");
            filters[7] = Float.NaN;
            assertNull(XnorConvolution.of(filters, 4, 4, 3, 1, 1), "a NaN filter weight");

            filters[7] = 1f;
            XnorConvolution conv = XnorConvolution.of(filters, 4, 4, 3, 1, 1);
            NDArray x = manager.randomNormal(new Shape(3, 4, 5, 5));
            assertNull(conv.apply(x.toType(DataType.FLOAT64, false), 1f), "float64 stays with libtorch");
            float[] values = x.toFloatArray();
            values[values.length - 1] = Float.NaN;
            assertNull(conv.apply(manager.create(values, x.getShape()), 1f), "a NaN input");
        }
    }

    @Test
    void aBinaryLayerEvaluatesBitwiseAsItTrains() {
        Engine.getInstance().setRandomSeed(5);
        Shape shape = new Shape(4, 16, 8, 8);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(shape);
            BinaryConv2d layer = new BinaryConv2d(16, 32, 3, 2, 1, ReSTE.fixed(1), ReSTE.fixed(1));
            layer.initialize(manager, DataType.FLOAT32, shape);
            ParameterStore store = new ParameterStore(manager, false);
            float[] evaluated = layer.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
            float[] trained;
            try (GradientRecording recording = GradientRecording.start()) {
                trained = layer.forward(store, new NDList(x), true).singletonOrThrow().toFloatArray();
            }
            // The training path sums scaled signs, the bitwise one scales the sum: rounding apart.
            float largest = 0;
            for (float v : trained) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertArrayEquals(trained, evaluated, 1e-5f * largest);
        }
    }
}
