package org.reste.tasks.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * One training or evaluation step's memory. Every NDArray the step makes lands in one
 * sub-manager that closes at the end of the step; the parameters are temporarily attached to
 * it, so that ops on them (the weight's sign and scale) land there too instead of piling up
 * on the model's manager for the whole run (DJL's long-run leak). On close the parameters go
 * back to their own manager, untouched.
 */
public final class StepScope implements AutoCloseable {

    private final NDManager manager;

    private StepScope(NDManager manager) {
        this.manager = manager;
    }

    public static StepScope open(NDManager parent, Block block) {
        NDManager manager = parent.newSubManager();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            array.tempAttach(manager);
        }
        return new StepScope(manager);
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
