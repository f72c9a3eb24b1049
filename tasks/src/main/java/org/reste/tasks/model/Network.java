package org.reste.tasks.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import org.reste.tasks.nn.Bits;
import org.reste.tasks.nn.Estimators;
import org.reste.tasks.nn.NamedConv;

/**
 * A built backbone: its DJL block, the binarized convolutions by name (for the indicators) and
 * the estimators whose schedules the trainer moves each epoch.
 */
public record Network(
        String backbone, Bits bits, Block block, List<NamedConv> binaryConvs, Estimators estimators) {

    /** Trainable parameters only (BatchNorm running statistics are buffers, as in torch). */
    public long parameterCount() {
        long total = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()) {
                total += parameter.getArray().size();
            }
        }
        return total;
    }
}
