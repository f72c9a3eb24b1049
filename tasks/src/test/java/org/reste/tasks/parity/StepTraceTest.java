package org.reste.tasks.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.data.raw.Cifar10Binary;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.testing.SharedData;
import org.reste.tasks.train.Json;

/** The trace holds what the Python side needs, in .npy files numpy can read, and they agree with SGD. */
class StepTraceTest {

    private static final double LR = 0.1;
    private static final double WEIGHT_DECAY = 1e-4;

    @Test
    void traceRecordsTwoStepsThatObeyTorchSgd(@TempDir Path out) throws IOException {
        InMemoryDataset sample = new Cifar10Binary(SharedData.root().resolve("data/cifar10-sample/cifar-10-batches-bin"), 64, 16);
        StepTrace.Settings settings = new StepTrace.Settings("resnet20", Bits.parse("1/1"), "reste", 16, LR, 0.9,
                WEIGHT_DECAY, 3, new double[] {0, 1}, 8, 16, false, false);
        StepTrace.run(settings, sample.train(), sample.test(), EngineSetup.device("cpu"), out);

        JsonNode meta = Json.mapper().readTree(Files.readString(out.resolve("meta.json")));
        assertEquals(2, meta.get("steps").size());
        assertEquals(3.0, meta.get("steps").get(1).get("schedule_value_weights").asDouble(), 1e-12);
        Array input = Array.read(out.resolve("step000/input.npy"));
        assertArrayEquals(new long[] {16, 3, 32, 32}, input.shape);
        assertArrayEquals(new long[] {16, 10}, Array.read(out.resolve("step000/logits.npy")).shape);
        int trainable = 0;
        for (JsonNode p : meta.get("params")) {
            if (!p.get("trainable").asBoolean()) {
                continue;
            }
            trainable++;
            String file = String.format("p%03d.npy", p.get("index").asInt());
            float[] w0 = Array.read(out.resolve("init").resolve(file)).values;
            float[] grad = Array.read(out.resolve("step000/grad").resolve(file)).values;
            float[] buffer = Array.read(out.resolve("step000/buffer").resolve(file)).values;
            float[] w1 = Array.read(out.resolve("step000/after").resolve(file)).values;
            for (int i = 0; i < w0.length; i++) {
                // torch.optim.SGD's first step: buf = grad + wd * w, w -= lr * buf.
                assertEquals(grad[i] + WEIGHT_DECAY * w0[i], buffer[i], 1e-6, p.get("name").asText() + "[" + i + "] buffer");
                assertEquals(w0[i] - LR * buffer[i], w1[i], 1e-6, p.get("name").asText() + "[" + i + "] weight");
            }
        }
        assertEquals(61, trainable, "ResNet-20's trainable tensors");
        assertTrue(Files.exists(out.resolve("eval/logits.npy")));
        double top1 = meta.get("trainer_test_top1").asDouble();
        assertTrue(top1 >= 0 && top1 <= 100, "the trainer's evaluation is recorded: " + top1);
    }

    /** A float32 or int64 .npy file, read back by its header as numpy would. */
    private record Array(long[] shape, float[] values) {

        static Array read(Path file) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals((byte) 0x93, bytes.get(0));
            assertEquals("NUMPY", new String(bytes.array(), 1, 5, StandardCharsets.US_ASCII));
            int headerLength = bytes.getShort(8);
            assertEquals(0, (10 + headerLength) % 64, "header aligned to 64 bytes");
            String header = new String(bytes.array(), 10, headerLength, StandardCharsets.US_ASCII);
            Matcher shape = Pattern.compile("'shape': \\(([0-9, ]*)\\)").matcher(header);
            assertTrue(shape.find(), header);
            String[] dims = shape.group(1).replace(" ", "").split(",");
            long[] parsed = new long[dims.length == 1 && dims[0].isEmpty() ? 0 : dims.length];
            long count = 1;
            for (int i = 0; i < parsed.length; i++) {
                parsed[i] = Long.parseLong(dims[i]);
                count *= parsed[i];
            }
            bytes.position(10 + headerLength);
            float[] values = new float[(int) count];
            boolean int64 = header.contains("'<i8'");
            for (int i = 0; i < values.length; i++) {
                values[i] = int64 ? bytes.getLong() : bytes.getFloat();
            }
            assertEquals(0, bytes.remaining(), "no bytes after the data");
            return new Array(parsed, values);
        }
    }
}
