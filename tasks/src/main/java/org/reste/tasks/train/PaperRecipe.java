package org.reste.tasks.train;

/**
 * The paper's CIFAR-10 training recipe, in one place (Sec. 5.1 and the official code's defaults):
 * every spec starts from these values and changes only what a config or flag says.
 */
public final class PaperRecipe {

    /** ReSTE's final power o (the paper's choice, Sec. 5.3: o = 3). */
    public static final double O_END = 3.0;
    /** ReSTE's clip threshold t (the official code's default). */
    public static final double T = 1.5;
    /** ReSTE's small interval m, where the power's gradient is capped (the official code's default). */
    public static final double M = 0.1;
    /** SGD's learning rate, annealed by a cosine to 0. */
    public static final double LR = 0.1;
    /** SGD's momentum. */
    public static final double MOMENTUM = 0.9;
    /** Weight decay, on every parameter as the official optimizer applies it. */
    public static final double WEIGHT_DECAY = 1e-4;
    /** Linear warm-up epochs before the cosine. */
    public static final int WARMUP_EPOCHS = 5;
    /** Epochs of the CIFAR-10 runs. */
    public static final int EPOCHS = 1000;
    /** Training batch of the CIFAR-10 runs. */
    public static final int BATCH = 256;
    /** Evaluation batch (any size gives the same accuracy; the official code's). */
    public static final int TEST_BATCH = 128;

    private PaperRecipe() {}
}
