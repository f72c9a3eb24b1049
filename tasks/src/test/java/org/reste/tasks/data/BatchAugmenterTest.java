package org.reste.tasks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reste.tasks.engine.EngineSetup;

/** The batched crop-and-flip against a plain per-pixel reference drawn from the same stream. */
class BatchAugmenterTest {

    private static final int N = 6;
    private static final int C = 3;
    private static final int H = 8;
    private static final int W = 8;
    private static final int PAD = 2;

    @Test
    void matchesPerImageReference() {
        EngineSetup.configure();
        byte[] pixels = new byte[N * C * H * W];
        new Random(1).nextBytes(pixels);
        Normalization identity = new Normalization(new float[] {0, 0, 0}, new float[] {1 / 255f, 1 / 255f, 1 / 255f});
        float[] actual;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.create(ByteBuffer.wrap(pixels), new Shape(N, C, H, W), DataType.UINT8);
            actual = new BatchAugmenter(PAD, identity).augment(batch, new Random(42)).toFloatArray();
        }
        assertArrayEquals(reference(pixels, new Random(42)), actual, 1e-3f);
    }

    @Test
    void drawingFirstAugmentsAsTheStreamDoes() {
        EngineSetup.configure();
        byte[] pixels = new byte[N * C * H * W];
        new Random(2).nextBytes(pixels);
        BatchAugmenter augmenter = new BatchAugmenter(PAD, Normalization.paper());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = manager.create(ByteBuffer.wrap(pixels), new Shape(N, C, H, W), DataType.UINT8);
            BatchAugmenter.Draws draws = augmenter.draw(N, new Random(5));
            for (int i = 0; i < N; i++) {
                assertEquals(true, draws.dy()[i] >= 0 && draws.dy()[i] <= 2 * PAD && draws.dx()[i] >= 0 && draws.dx()[i] <= 2 * PAD);
            }
            assertArrayEquals(augmenter.augment(batch, new Random(5)).toFloatArray(),
                    augmenter.augment(batch, draws).toFloatArray(), 0f);
        }
    }

    @Test
    void normalizationUsesThePaperStatistics() {
        EngineSetup.configure();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray white = manager.full(new Shape(1, 3, 1, 1), 255).toType(DataType.UINT8, false);
            float[] out = Normalization.paper().apply(white).toFloatArray();
            assertEquals((1 - 0.485f) / 0.229f, out[0], 1e-5);
            assertEquals((1 - 0.456f) / 0.224f, out[1], 1e-5);
            assertEquals((1 - 0.406f) / 0.225f, out[2], 1e-5);
        }
    }

    /** Zero-pad, crop at (dy, dx), flip horizontally if drawn: one pixel at a time. */
    private static float[] reference(byte[] pixels, Random random) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < N; i++) {
            int dy = random.nextInt(2 * PAD + 1);
            int dx = random.nextInt(2 * PAD + 1);
            boolean flip = random.nextBoolean();
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int sy = y + dy - PAD;
                        int sx = (flip ? W - 1 - x : x) + dx - PAD;
                        boolean inside = sy >= 0 && sy < H && sx >= 0 && sx < W;
                        int value = inside ? pixels[((i * C + c) * H + sy) * W + sx] & 0xFF : 0;
                        out[((i * C + c) * H + y) * W + x] = value;
                    }
                }
            }
        }
        return out;
    }
}
