package org.reste.tasks.train;

import ai.djl.Device;

/**
 * Where and how a run trains, none of which changes what it computes: the device, who hears
 * about progress, the commit of the code (for the record), and the intra-op threads of the
 * thread it trains in.
 *
 * @param threads libtorch intra-op threads for this run's thread (several runs at once share
 *     the cores); 0 keeps the engine's setting (every core)
 */
public record RunContext(Device device, RunListener listener, String commit, int threads) {

    public RunContext {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = the engine's), got " + threads);
        }
    }

    public RunContext(Device device, RunListener listener, String commit) {
        this(device, listener, commit, 0);
    }

    public static RunContext cpu() {
        return new RunContext(Device.cpu(), RunListener.SILENT, System.getProperty("reste.commit", "unknown"));
    }

    public RunContext withListener(RunListener value) {
        return new RunContext(device, value, commit, threads);
    }

    public RunContext withThreads(int value) {
        return new RunContext(device, listener, commit, value);
    }
}
