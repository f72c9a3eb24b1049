package org.reste.pipelines.dag;

import java.nio.file.Path;
import org.apache.beam.sdk.transforms.DoFn;
import org.reste.pipelines.config.PlannedRun;
import org.reste.tasks.data.DatasetCatalog;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.GpuSlots;
import org.reste.tasks.io.Locations;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunContext;
import org.reste.tasks.train.RunListener;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunResult;
import org.reste.tasks.train.RunTrainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one planned run (resuming from its checkpoint if it has one) and emits its record as
 * JSON. The record is written to the run store as soon as the run ends, so a killed job loses
 * no finished run.
 */
final class TrainRunFn extends DoFn<PlannedRun, String> {

    private static final Logger LOG = LoggerFactory.getLogger(TrainRunFn.class);

    private final String out;
    private final String data;
    private final String imagenetData;
    private final String device;
    private final boolean download;
    private final int threadsPerRun;

    TrainRunFn(String out, String data, String imagenetData, String device, boolean download, int threadsPerRun) {
        this.out = out;
        this.data = data;
        this.imagenetData = imagenetData;
        this.device = device;
        this.download = download;
        this.threadsPerRun = threadsPerRun;
    }

    @ProcessElement
    public void process(@Element PlannedRun run, OutputReceiver<String> output) {
        ExperimentSpec spec = run.spec();
        LOG.info("running {} ({} {} {}, {} epochs)", run.runId(), spec.backbone(), spec.wa(), spec.estimator(), spec.epochs());
        String dir = spec.dataset().equals("imagenet") ? imagenetData : data;
        Path dataDir = dir.isEmpty() ? null : Locations.of(dir);
        boolean gpu = device.equalsIgnoreCase("gpu");
        RunResult result;
        // Runs training at once in this JVM spread over its GPUs, one each while there are enough.
        try (GpuSlots.Slot slot = gpu ? GpuSlots.shared().take() : null) {
            RunContext context = new RunContext(gpu ? slot.device() : EngineSetup.device(device),
                    new Progress(run.runId()), System.getProperty("reste.commit", "unknown"), threadsPerRun);
            result = RunTrainer.train(spec, DatasetCatalog.open(spec.dataset(), dataDir, download),
                    new PathRunStore(Locations.of(out)), context);
        }
        if (result.outcome() == RunResult.Outcome.HELD_ELSEWHERE) {
            return; // another job trains it; its record joins the tables when that job writes them
        }
        RunRecord record = result.record();
        LOG.info("done {}: {} after {}/{} epochs, best top-1 {}", run.runId(), record.status().json(),
                record.epochsRun(), record.epochsPlanned(), record.bestTop1());
        output.output(Json.canonical(record));
    }

    /** Epoch progress of one run, into the job's log. */
    private record Progress(String runId) implements RunListener {
        @Override
        public void onEpoch(RunRecord progress, EpochRecord epoch) {
            LOG.info("{} epoch {}/{}: loss {} test top-1 {}% ({} img/s)", runId, epoch.epoch(),
                    progress.epochsPlanned(), epoch.trainLoss(), epoch.testTop1(), Math.round(epoch.imagesPerS()));
        }

        @Override
        public void onMessage(String message) {
            LOG.info(message);
        }
    }
}
