package org.reste.tasks.train;

import ai.djl.MalformedModelException;
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

    /** v2: the momentum buffers as one {@link NDList#encode()}; v1 framed them one by one. */
    private static final String MAGIC = "reste-checkpoint-v2";
    private static final String OLDER = "reste-checkpoint-v1";

    private Checkpoint() {}

    public static byte[] encode(String runId, Block block, SgdMomentum optimizer, List<EpochRecord> history) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeUTF(runId);
            writeBytes(out, Json.write(history).getBytes(StandardCharsets.UTF_8));
            block.saveParameters(out);
            writeBytes(out, optimizer.buffers().encode());
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
            String magic = in.readUTF();
            if (OLDER.equals(magic)) {
                throw new IllegalStateException(where + ": a checkpoint of an older version of this program (" + OLDER
                        + "); delete it to train the run again from epoch 1");
            }
            if (!MAGIC.equals(magic)) {
                throw new IllegalStateException(where + ": not a ReSTE checkpoint");
            }
            String stored = in.readUTF();
            if (!stored.equals(runId)) {
                throw new IllegalStateException(where + ": checkpoint of run " + stored + ", not " + runId);
            }
            List<EpochRecord> history = Json.mapper().readValue(readBytes(in), new TypeReference<List<EpochRecord>>() {});
            block.loadParameters(manager, in);
            for (Pair<String, Parameter> pair : block.getParameters()) {
                if (pair.getValue().requiresGradient()) {
                    pair.getValue().getArray().setRequiresGradient(true);
                }
            }
            try (NDList buffers = NDList.decode(manager, readBytes(in))) {
                optimizer.load(buffers);
            }
            return history;
        } catch (IOException | MalformedModelException | IllegalArgumentException e) { // IAE: NDList.decode on bad bytes
            throw new IllegalStateException(where + ": truncated or corrupt checkpoint (" + e + "); delete it to train"
                    + " the run again from epoch 1", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
