package org.reste.tasks.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The state a run resumes from after its last finished epoch: the weights and BatchNorm
 * statistics, the optimizer's momentum buffers, and the epoch history so far. The run id is
 * stored too, so a checkpoint is never loaded into a different run.
 */
public final class Checkpoint {

    private static final String MAGIC = "reste-checkpoint-v1";

    private Checkpoint() {}

    public static byte[] encode(String runId, Block block, SgdMomentum optimizer, List<EpochRecord> history) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeUTF(runId);
            writeString(out, Json.write(history));
            block.saveParameters(out);
            NDList buffers = optimizer.buffers();
            out.writeInt(buffers.size());
            for (NDArray buffer : buffers) {
                byte[] encoded = buffer.encode();
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads the weights and momentum into {@code block} and {@code optimizer} and returns the
     * epoch history. {@code where} names the checkpoint in errors.
     */
    public static List<EpochRecord> decode(
            byte[] checkpoint, String runId, Block block, SgdMomentum optimizer, NDManager manager, String where) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IllegalStateException(where + ": not a ReSTE checkpoint");
            }
            String stored = in.readUTF();
            if (!stored.equals(runId)) {
                throw new IllegalStateException(where + ": checkpoint of run " + stored + ", not " + runId);
            }
            List<EpochRecord> history = Json.mapper().readValue(readString(in), new TypeReference<List<EpochRecord>>() {});
            block.loadParameters(manager, in);
            for (Pair<String, Parameter> pair : block.getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    pair.getValue().getArray().setRequiresGradient(true);
                }
            }
            int count = in.readInt();
            NDList buffers = new NDList();
            for (int i = 0; i < count; i++) {
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                buffers.add(manager.decode(encoded));
            }
            optimizer.load(buffers);
            buffers.close();
            return history;
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException(where + ": truncated or corrupt checkpoint (" + e + "); delete it to train"
                    + " the run again from epoch 1", e);
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
