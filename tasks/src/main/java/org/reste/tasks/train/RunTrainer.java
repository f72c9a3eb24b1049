package org.reste.tasks.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.reste.tasks.data.DatasetShards;
import org.reste.tasks.data.ImageSet;
import org.reste.tasks.data.InMemoryDataset;
import org.reste.tasks.data.StreamedDataset;
import org.reste.tasks.data.streaming.EpochOrder;
import org.reste.tasks.engine.Autograd;
import org.reste.tasks.engine.EngineSetup;
import org.reste.tasks.engine.StepScope;
import org.reste.tasks.io.Locations;
import org.reste.tasks.model.Backbones;
import org.reste.tasks.model.Network;
import org.reste.tasks.nn.Estimators;

/**
 * Trains one {@link ExperimentSpec} to its record. A finished run is returned as it is; a run
 * with a checkpoint continues after its last finished epoch; each epoch ends with a checkpoint
 * and an updated record (status "running"), both written atomically. A NaN or infinite loss
 * ends the run as "diverged".
 */
public final class RunTrainer {

    private final ExperimentSpec spec;
    private final RunStore store;
    private final RunContext context;
    private final String runId;

    private RunTrainer(ExperimentSpec spec, RunStore store, RunContext context) {
        this.spec = spec;
        this.store = store;
        this.context = context;
        this.runId = spec.runId();
    }

    /**
     * Weight initialisation draws from libtorch's one global generator, so runs that start at
     * once in one JVM seed and initialise in turn; everything after (data order, crops, flips)
     * draws from the run's own seeded streams, and gradients are recorded per thread
     * ({@link org.reste.tasks.engine.GradientRecording}), so the runs then train side by side.
     */
    private static final ReentrantLock GLOBAL_GENERATOR = new ReentrantLock();

    /**
     * The design's one call: train (or resume, or skip) {@code spec} on {@code data}. Safe to
     * call from several threads at once: each run trains in its caller's thread.
     */
    public static RunResult train(ExperimentSpec spec, DatasetShards data, RunStore store, RunContext context) {
        return new RunTrainer(spec, store, context).run(data);
    }

    private RunResult run(DatasetShards data) {
        Optional<RunLease> lease = RunLease.take(store.leaseFile(runId), RunLease.thisProcess(), Instant.now());
        if (lease.isEmpty()) {
            String holder = RunLease.heldBy(store.leaseFile(runId))
                    .map(h -> h.holder() + " (since " + h.taken() + ", renewed " + h.renewed() + ")").orElse("another process");
            context.listener().onMessage("run " + runId + " is being trained by " + holder + "; skipped here (its lease: "
                    + Locations.show(store.leaseFile(runId)) + ", stale after " + RunLease.STALE_AFTER.toMinutes() + " min)");
            return new RunResult(store.readRecord(runId).orElse(null), RunResult.Outcome.HELD_ELSEWHERE);
        }
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lease " + runId);
            thread.setDaemon(true);
            return thread;
        });
        try (RunLease held = lease.get()) {
            renewal.scheduleAtFixedRate(() -> renewOrSay(held), RunLease.RENEW_EVERY.toSeconds(),
                    RunLease.RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
            return runHoldingTheLease(data);
        } finally {
            renewal.shutdownNow();
        }
    }

    /** Renews the lease; once it is lost (this process paused past its staleness), says so and stops renewing. */
    private void renewOrSay(RunLease held) {
        if (!held.renew(Instant.now())) {
            context.listener().onMessage("run " + runId + ": its lease (" + Locations.show(store.leaseFile(runId))
                    + ") was broken as stale and taken by " + RunLease.heldBy(store.leaseFile(runId)).map(RunLease.Holder::holder)
                    .orElse("nobody") + "; this process trains on, and both write the same run");
            throw new IllegalStateException("lease lost"); // ends the renewal schedule
        }
    }

    private RunResult runHoldingTheLease(DatasetShards data) {
        Optional<RunRecord> existing = store.readRecord(runId);
        if (existing.isPresent() && existing.get().status().isFinal()) {
            context.listener().onMessage("run " + runId + " is already " + existing.get().status().json()
                    + " (" + store.recordLocation(runId) + "); trained nothing");
            return new RunResult(existing.get(), RunResult.Outcome.ALREADY_DONE);
        }
        String startedAt = existing.map(RunRecord::startedAt).orElse(Instant.now().toString());
        EngineSetup.configure();
        Autograd.stopRecordingInThisThread();
        if (context.threads() > 0) {
            EngineSetup.useThreadsInThisThread(context.threads());
        }
        try (NDManager root = NDManager.newBaseManager(context.device());
                TrainingData batches = open(data, root)) {
            long[] image = batches.imageShape();
            Network network = Backbones.build(
                    spec.backbone(), spec.bits(), Estimators.of(spec.estimator(), spec.estimatorOptions(), spec.bits()),
                    batches.numClasses());
            GLOBAL_GENERATOR.lock();
            try {
                Engine.getInstance().setRandomSeed((int) spec.seed());
                network.block().initialize(root, DataType.FLOAT32, new Shape(1, image[0], image[1], image[2]));
            } finally {
                GLOBAL_GENERATOR.unlock();
            }
            SgdMomentum optimizer = new SgdMomentum(trainable(network), spec.momentum(), spec.weightDecay(), root);
            List<EpochRecord> history = new ArrayList<>();
            RunResult.Outcome outcome = RunResult.Outcome.TRAINED;
            Optional<byte[]> checkpoint = store.readCheckpoint(runId);
            if (checkpoint.isPresent()) {
                history.addAll(Checkpoint.decode(checkpoint.get(), runId, network.block(), optimizer, root,
                        store.checkpointLocation(runId)));
                outcome = RunResult.Outcome.RESUMED;
                context.listener().onMessage("resuming " + runId + " after epoch " + history.size() + " of " + spec.epochs());
            }
            // Named relative to the project, so the records two checkouts make of one data set agree.
            String dataName = Locations.relativeTo(Locations.projectRoot(), data.describe());
            try {
                RunRecord last = epochs(network, optimizer, batches, history, root, dataName, startedAt);
                return new RunResult(last, outcome);
            } catch (RuntimeException e) {
                store.writeRecord(record(RunStatus.FAILED, history, dataName, startedAt, e.toString()));
                throw e;
            }
        }
    }

    /** Held on the device when it fits (CIFAR-10, Fashion-MNIST), streamed from folders or encoded shards otherwise. */
    private TrainingData open(DatasetShards data, NDManager root) {
        if (data instanceof StreamedDataset streamed) {
            return new StreamedData(streamed.splits(), spec.trainSubset(), spec.testSubset(), spec.seed());
        }
        InMemoryDataset held = (InMemoryDataset) data; // the other kind of the sealed DatasetShards
        return new InMemoryData(subset(held.train(), spec.trainSubset()), subset(held.test(), spec.testSubset()), root);
    }

    private RunRecord epochs(
            Network network,
            SgdMomentum optimizer,
            TrainingData data,
            List<EpochRecord> history,
            NDManager root,
            String dataDescription,
            String startedAt) {
        ParameterStore parameterStore = new ParameterStore(root, false);
        Indicators indicators = spec.indicators() ? new Indicators(network.binaryConvs(), spec.oEnd()) : null;
        TrainingStep step = new TrainingStep(network, optimizer, indicators, parameterStore);
        LearningRateSchedule schedule = new LearningRateSchedule(spec.lr(), spec.epochs(), spec.warmupEpochs());
        for (int epoch = history.size(); epoch < spec.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            network.estimators().onEpoch(epoch, spec.epochs());
            double lr = schedule.at(epoch);
            Random random = EpochOrder.random(spec.seed(), epoch);
            double lossSum = 0;
            long correct = 0;
            long trainNanos = 0;
            int seen = 0;
            int usable;
            try (TrainingData.Epoch batches = data.epoch(epoch, spec.batch(), random)) {
                usable = batches.images();
                int steps = batches.steps();
                for (int s = 0; s < steps; s++) {
                    long t0 = System.nanoTime();
                    TrainingStep.Outcome outcome;
                    int count;
                    try (StepScope scope = StepScope.open(root, network.block())) {
                        TrainingData.Batch batch = batches.next(scope.manager());
                        count = batch.count();
                        outcome = step.run(batch.images(), batch.labels(), lr);
                    }
                    trainNanos += System.nanoTime() - t0;
                    seen += count;
                    if (!Float.isFinite(outcome.loss())) {
                        String message = "loss became " + outcome.loss() + " at epoch " + (epoch + 1) + ", step " + (s + 1);
                        context.listener().onMessage("run " + runId + " diverged: " + message);
                        RunRecord diverged = record(RunStatus.DIVERGED, history, dataDescription, startedAt, message);
                        store.writeRecord(diverged);
                        store.deleteCheckpoint(runId);
                        return diverged;
                    }
                    lossSum += outcome.loss() * count;
                    correct += outcome.correct();
                    double rate = seen / (trainNanos / 1e9);
                    double remaining = (usable - seen) / rate + (double) (spec.epochs() - epoch - 1) * usable / rate;
                    context.listener().onStep(epoch + 1, spec.epochs(), s + 1, steps, rate, outcome.loss(), remaining);
                }
            }
            Accuracy accuracy = data.evaluate(network, spec.testBatch(), parameterStore, root);
            double trainSeconds = trainNanos / 1e9;
            IndicatorValues values = indicators == null ? null : indicators.drain();
            double o = network.estimators().weights().scheduleValue();
            double wall = (System.nanoTime() - epochStart) / 1e9;
            EpochRecord record = new EpochRecord(
                    epoch + 1, lr, Double.isNaN(o) ? null : o, lossSum / seen, 100.0 * correct / seen,
                    accuracy.top1(), accuracy.top5(), trainSeconds, wall, seen / trainSeconds,
                    ProcessMemory.residentMb(), values);
            history.add(record);
            store.writeCheckpoint(runId, Checkpoint.encode(runId, network.block(), optimizer, history));
            RunRecord progress = record(RunStatus.RUNNING, history, dataDescription, startedAt, null);
            store.writeRecord(progress);
            context.listener().onEpoch(progress, record);
        }
        RunRecord finished = record(RunStatus.FINISHED, history, dataDescription, startedAt, null);
        store.writeRecord(finished);
        store.deleteCheckpoint(runId);
        return finished;
    }

    private RunRecord record(RunStatus status, List<EpochRecord> history, String data, String startedAt, String message) {
        Double finalTop1 = null;
        Double finalTop5 = null;
        Double bestTop1 = null;
        Double bestTop5 = null;
        double images = 0;
        double seconds = 0;
        double wall = 0;
        for (EpochRecord epoch : history) {
            finalTop1 = epoch.testTop1();
            finalTop5 = epoch.testTop5();
            bestTop1 = bestTop1 == null ? epoch.testTop1() : Math.max(bestTop1, epoch.testTop1());
            bestTop5 = bestTop5 == null ? epoch.testTop5() : Math.max(bestTop5, epoch.testTop5());
            images += epoch.imagesPerS() * epoch.trainSeconds();
            seconds += epoch.trainSeconds();
            wall += epoch.wallSeconds();
        }
        Engine engine = Engine.getInstance();
        return new RunRecord(
                runId, status, spec, history.size(), spec.epochs(), finalTop1, bestTop1, finalTop5, bestTop5,
                seconds > 0 ? images / seconds : 0, wall, context.device().toString(), EngineSetup.threadsInThisThread(),
                Engine.getDjlVersion(), engine.getVersion(), System.getProperty("java.version"), context.commit(),
                data, message, startedAt, Instant.now().toString(), history);
    }

    private static List<Parameter> trainable(Network network) {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> pair : network.block().getParameters()) {
            if (pair.getValue().requiresGradient()) {
                parameters.add(pair.getValue());
            }
        }
        return parameters;
    }

    private static ImageSet subset(ImageSet set, int n) {
        return n > 0 && n < set.size() ? set.firstN(n) : set;
    }

}
