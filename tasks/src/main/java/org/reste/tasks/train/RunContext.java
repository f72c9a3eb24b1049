package org.reste.tasks.train;

import ai.djl.Device;

/**
 * Where and how a run trains, none of which changes what it computes: the device, who hears
 * about progress, and the commit of the code (for the record).
 */
public record RunContext(Device device, TrainingListener listener, String commit) {

    public static RunContext cpu() {
        return new RunContext(Device.cpu(), TrainingListener.SILENT, System.getProperty("reste.commit", "unknown"));
    }

    public RunContext withListener(TrainingListener value) {
        return new RunContext(device, value, commit);
    }
}
