package org.reste.pipelines.dag;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.report.NightlyGate;
import org.reste.pipelines.report.RecordSet;
import org.reste.pipelines.report.ReportWriter;
import org.reste.tasks.train.LocalRunStore;
import org.reste.tasks.train.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.reste.tasks.io.Locations;

/**
 * The reproduction DAG, as DESIGN.md draws it:
 *
 * <pre>
 *   plan (validated in the driver) -> SkipFinished -> Reshuffle -> TrainRuns -> records
 *   plan -> Wait.on(records) -> WriteTables -> tables/*.md, equilibrium.png
 *   baseline -> Wait.on(tables) -> NightlyGate -> regression.md; the job fails on a regression
 * </pre>
 *
 * Each run is its own element after the Reshuffle, so a runner can put every run on its own
 * worker; every record is written as soon as its run ends.
 */
public final class ReproducePipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ReproducePipeline.class);

    private ReproducePipeline() {}

    public static Pipeline build(ReproduceOptions options, ReproductionPlan plan) {
        return build(options, plan, null);
    }

    /**
     * As {@link #build(ReproduceOptions, ReproductionPlan)}, with the nightly gate when {@code gate}
     * is not null: after the tables, tonight's records are judged against it and a REGRESSED or
     * MISSING row fails the job (so a scheduled cloud night ends as Failed).
     */
    public static Pipeline build(ReproduceOptions options, ReproductionPlan plan, Baseline gate) {
        Pipeline pipeline = Pipeline.create(options);
        List<PlannedRun> trainable = plan.distinctRuns().stream().filter(PlannedRun::dataAvailable).toList();
        long withoutData = plan.distinctRuns().size() - trainable.size();
        LOG.info("plan: {} runs for tables {} ({} without data, marked not run)", plan.distinctRuns().size(),
                plan.tables().stream().map(ReproductionPlan.TablePlan::id).toList(), withoutData);
        PCollection<String> records = pipeline
                .apply("PlannedRuns", Create.of(trainable).withCoder(SerializableCoder.of(PlannedRun.class)))
                .apply("SkipFinished", ParDo.of(new SkipFinishedFn(options.getOut())))
                .setCoder(SerializableCoder.of(PlannedRun.class))
                .apply("OneRunPerWorker", Reshuffle.viaRandomKey())
                .apply("TrainRuns", ParDo.of(new TrainRunFn(options.getOut(), options.getData(), options.getImagenetData(), options.getDevice(),
                        options.getDownload())));
        PCollection<String> tables = pipeline.apply("WriteTables", new WriteTables(plan, options.getOut(), records));
        if (gate != null) {
            pipeline.apply("NightlyGate", new Gate(gate, plan, options.getOut(), tables));
        }
        return pipeline;
    }

    public static PipelineResult.State run(ReproduceOptions options, ReproductionPlan plan) {
        return run(options, plan, null);
    }

    public static PipelineResult.State run(ReproduceOptions options, ReproductionPlan plan, Baseline gate) {
        return build(options, plan, gate).run().waitUntilFinish();
    }

    /** Drops runs whose final record already exists; logs what is queued and what is skipped. */
    static final class SkipFinishedFn extends DoFn<PlannedRun, PlannedRun> {
        private final String out;

        SkipFinishedFn(String out) {
            this.out = out;
        }

        @ProcessElement
        public void process(@Element PlannedRun run, OutputReceiver<PlannedRun> output) {
            boolean done = new LocalRunStore(Locations.of(out)).readRecord(run.runId())
                    .map(RunRecord::status).map(status -> status.isFinal()).orElse(false);
            if (done) {
                LOG.info("skipped {} (already final)", run.runId());
            } else {
                LOG.info("queued {}", run.runId());
                output.output(run);
            }
        }
    }

    /** After every run has a record: the tables, from the records on disk. */
    static final class WriteTables extends PTransform<PBegin, PCollection<String>> {
        private final ReproductionPlan plan;
        private final String out;
        private final PCollection<String> records;

        WriteTables(ReproductionPlan plan, String out, PCollection<String> records) {
            this.plan = plan;
            this.out = out;
            this.records = records;
        }

        @Override
        public PCollection<String> expand(PBegin begin) {
            return begin
                    .apply("Plan", Create.of(plan).withCoder(SerializableCoder.of(ReproductionPlan.class)))
                    .apply("AfterAllRuns", Wait.on(records))
                    .apply("Render", ParDo.of(new RenderTablesFn(out)));
        }
    }

    /** After the tables: the nightly gate on the baseline's table of the plan. */
    static final class Gate extends PTransform<PBegin, PCollection<String>> {
        private final Baseline baseline;
        private final ReproductionPlan plan;
        private final String out;
        private final PCollection<String> tables;

        Gate(Baseline baseline, ReproductionPlan plan, String out, PCollection<String> tables) {
            this.baseline = baseline;
            this.plan = plan;
            this.out = out;
            this.tables = tables;
        }

        @Override
        public PCollection<String> expand(PBegin begin) {
            return begin
                    .apply("Baseline", Create.of(baseline).withCoder(SerializableCoder.of(Baseline.class)))
                    .apply("AfterTables", Wait.on(tables))
                    .apply("Judge", ParDo.of(new GateFn(plan, out)));
        }
    }

    /** Judges tonight's records, writes regression.md, and throws when the night fails. */
    static final class GateFn extends DoFn<Baseline, String> {
        private final ReproductionPlan plan;
        private final String out;

        GateFn(ReproductionPlan plan, String out) {
            this.plan = plan;
            this.out = out;
        }

        @ProcessElement
        public void process(@Element Baseline baseline, OutputReceiver<String> output) {
            Path root = Locations.of(out);
            List<PlannedRun> planned = plan.table(baseline.table()).orElseThrow().runs();
            NightlyGate.Outcome outcome = NightlyGate.judge(baseline, plan.profile(), planned,
                    RecordSet.load(root.resolve("runs")), Locations.show(root.resolve("runs")), root.resolve("regression.md"));
            outcome.rows().forEach(row -> LOG.info("gate {}: {}", row.runId(), row.verdict().text()));
            if (!outcome.passes()) {
                throw new NightlyGateFailure(NightlyGate.failureMessage(outcome));
            }
            LOG.info("nightly gate passed: {} rows; wrote {}", outcome.rows().size(), Locations.show(outcome.report()));
            output.output(Locations.show(outcome.report()));
        }
    }

    /** A night that regressed: the job fails with this message. */
    public static final class NightlyGateFailure extends RuntimeException {
        NightlyGateFailure(String message) {
            super(message);
        }
    }

    /** Renders the plan's tables from the records on disk; emits the files written. */
    static final class RenderTablesFn extends DoFn<ReproductionPlan, String> {
        private final String out;

        RenderTablesFn(String out) {
            this.out = out;
        }

        @ProcessElement
        public void process(@Element ReproductionPlan plan, OutputReceiver<String> output) {
            Path root = Locations.of(out);
            for (Path file : ReportWriter.write(plan, root.resolve("runs"), root.resolve("tables"))) {
                LOG.info("wrote {}", Locations.show(file));
                output.output(Locations.show(file));
            }
        }
    }
}
