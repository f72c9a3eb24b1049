package org.reste.pipelines.dag;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.reste.pipelines.config.Baseline;
import org.reste.pipelines.config.PlannedRun;
import org.reste.pipelines.config.ReproductionPlan;
import org.reste.pipelines.report.NightlyGate;
import org.reste.pipelines.report.ReportWriter;
import org.reste.pipelines.report.RowRecords;
import org.reste.tasks.io.Locations;
import org.reste.tasks.train.Json;
import org.reste.tasks.train.PathRunStore;
import org.reste.tasks.train.RunRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reproduction DAG, as DESIGN.md draws it:
 *
 * <pre>
 *   plan (validated in the driver; every spec x seed) -> SplitFinished -+-> final records
 *                                                                      +-> EachRunApart -> TrainRuns -> records
 *   final + trained records -> KeyByRow -> GroupByKey (a row = a spec over its seeds) -> rows
 *   plan + rows (side input) -> WriteTables -> tables/*.md, *.json, figures
 *   baseline + rows (side input), Wait.on(tables) -> NightlyGate -> regression.md; the job fails on a regression
 * </pre>
 *
 * Each run is its own bundle after {@link EachRunApart}, so a runner can put every run on its own
 * worker; every record is written as soon as its run ends, and flows on as a value to the
 * grouping, so the tables are made from what this job trained or found final, not re-read.
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
        PCollectionTuple split = pipeline
                .apply("PlannedRuns", Create.of(trainable).withCoder(SerializableCoder.of(PlannedRun.class)))
                .apply("SplitFinished", ParDo.of(new SplitFinishedFn(options.getOut()))
                        .withOutputTags(TO_TRAIN, TupleTagList.of(FINAL_RECORDS)));
        PCollection<String> trained = split.get(TO_TRAIN)
                .setCoder(SerializableCoder.of(PlannedRun.class))
                .apply("OneRunPerWorker", new EachRunApart())
                .apply("TrainRuns", ParDo.of(new TrainRunFn(options.getOut(), options.getData(), options.getImagenetData(), options.getDevice(),
                        options.getDownload(), options.getThreadsPerRun())));
        PCollectionView<List<RowGroup>> rows = PCollectionList.of(split.get(FINAL_RECORDS).setCoder(StringUtf8Coder.of()))
                .and(trained)
                .apply("AllRecords", Flatten.pCollections())
                .apply("GatherByRow", new GatherByRow(RowRecords.rowIdsByRun(plan)));
        PCollection<String> tables = pipeline.apply("WriteTables", new WriteTables(plan, options.getOut(), rows));
        if (gate != null) {
            pipeline.apply("NightlyGate", new Gate(gate, plan, options.getOut(), rows, tables));
        }
        return pipeline;
    }

    public static PipelineResult.State run(ReproduceOptions options, ReproductionPlan plan) {
        return run(options, plan, null);
    }

    public static PipelineResult.State run(ReproduceOptions options, ReproductionPlan plan, Baseline gate) {
        return build(options, plan, gate).run().waitUntilFinish();
    }

    private static final TupleTag<PlannedRun> TO_TRAIN = new TupleTag<>() {};
    private static final TupleTag<String> FINAL_RECORDS = new TupleTag<>() {};

    /** Runs whose final record already exists go on as that record (JSON); the others to training. */
    static final class SplitFinishedFn extends DoFn<PlannedRun, PlannedRun> {
        private final String out;

        SplitFinishedFn(String out) {
            this.out = out;
        }

        @ProcessElement
        public void process(@Element PlannedRun run, MultiOutputReceiver output) {
            Optional<RunRecord> record = new PathRunStore(Locations.of(out)).readRecord(run.runId())
                    .filter(r -> r.status().isFinal());
            if (record.isPresent()) {
                LOG.info("skipped {} (already final)", run.runId());
                output.get(FINAL_RECORDS).output(Json.canonical(record.get()));
            } else {
                LOG.info("queued {}", run.runId());
                output.get(TO_TRAIN).output(run);
            }
        }
    }

    /** One table row's records as they travel between workers: JSON, as every record does. */
    record RowGroup(String rowId, List<String> records) implements Serializable {}

    /** Records -> (row id, record) -> one group per row, seen by the later steps as one list. */
    static final class GatherByRow extends PTransform<PCollection<String>, PCollectionView<List<RowGroup>>> {
        private final Map<String, String> rowIdsByRun;

        GatherByRow(Map<String, String> rowIdsByRun) {
            this.rowIdsByRun = new LinkedHashMap<>(rowIdsByRun);
        }

        @Override
        public PCollectionView<List<RowGroup>> expand(PCollection<String> records) {
            return records
                    .apply("KeyByRow", ParDo.of(new KeyByRowFn(rowIdsByRun)))
                    .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
                    .apply("GroupByRow", GroupByKey.create())
                    .apply("ToRowGroup", MapElements.via(new SimpleFunction<KV<String, Iterable<String>>, RowGroup>() {
                        @Override
                        public RowGroup apply(KV<String, Iterable<String>> group) {
                            List<String> records = new ArrayList<>();
                            group.getValue().forEach(records::add);
                            return new RowGroup(group.getKey(), records);
                        }
                    }))
                    .setCoder(SerializableCoder.of(RowGroup.class))
                    .apply("AsList", View.asList());
        }
    }

    static final class KeyByRowFn extends DoFn<String, KV<String, String>> {
        private final Map<String, String> rowIdsByRun;

        KeyByRowFn(Map<String, String> rowIdsByRun) {
            this.rowIdsByRun = rowIdsByRun;
        }

        @ProcessElement
        public void process(@Element String json, OutputReceiver<KV<String, String>> output) {
            RunRecord record = Json.read(json, RunRecord.class);
            String rowId = rowIdsByRun.get(record.runId());
            if (rowId == null) {
                throw new IllegalStateException("record of run " + record.runId() + " is not in this job's plan");
            }
            output.output(KV.of(rowId, json));
        }
    }

    /** The side input's groups as the report code reads them. */
    static RowRecords rowRecords(List<RowGroup> groups) {
        Map<String, List<RunRecord>> byRow = new LinkedHashMap<>();
        for (RowGroup group : groups) {
            byRow.put(group.rowId(), group.records().stream().map(json -> Json.read(json, RunRecord.class)).toList());
        }
        return RowRecords.of(byRow);
    }

    /** After every run has a record: the tables, from the gathered rows. */
    static final class WriteTables extends PTransform<PBegin, PCollection<String>> {
        private final ReproductionPlan plan;
        private final String out;
        private final PCollectionView<List<RowGroup>> rows;

        WriteTables(ReproductionPlan plan, String out, PCollectionView<List<RowGroup>> rows) {
            this.plan = plan;
            this.out = out;
            this.rows = rows;
        }

        @Override
        public PCollection<String> expand(PBegin begin) {
            return begin
                    .apply("Plan", Create.of(plan).withCoder(SerializableCoder.of(ReproductionPlan.class)))
                    .apply("Render", ParDo.of(new RenderTablesFn(out, rows)).withSideInputs(rows));
        }
    }

    /** After the tables: the nightly gate on the baseline's table of the plan. */
    static final class Gate extends PTransform<PBegin, PCollection<String>> {
        private final Baseline baseline;
        private final ReproductionPlan plan;
        private final String out;
        private final PCollectionView<List<RowGroup>> rows;
        private final PCollection<String> tables;

        Gate(Baseline baseline, ReproductionPlan plan, String out, PCollectionView<List<RowGroup>> rows,
                PCollection<String> tables) {
            this.baseline = baseline;
            this.plan = plan;
            this.out = out;
            this.rows = rows;
            this.tables = tables;
        }

        @Override
        public PCollection<String> expand(PBegin begin) {
            return begin
                    .apply("Baseline", Create.of(baseline).withCoder(SerializableCoder.of(Baseline.class)))
                    .apply("AfterTables", Wait.on(tables))
                    .apply("Judge", ParDo.of(new GateFn(plan, out, rows)).withSideInputs(rows));
        }
    }

    /** Judges tonight's records, writes regression.md, and throws when the night fails. */
    static final class GateFn extends DoFn<Baseline, String> {
        private final ReproductionPlan plan;
        private final String out;
        private final PCollectionView<List<RowGroup>> rows;

        GateFn(ReproductionPlan plan, String out, PCollectionView<List<RowGroup>> rows) {
            this.plan = plan;
            this.out = out;
            this.rows = rows;
        }

        @ProcessElement
        public void process(@Element Baseline baseline, OutputReceiver<String> output, ProcessContext context) {
            Path root = Locations.of(out);
            List<PlannedRun> planned = plan.table(baseline.table()).orElseThrow().runs();
            NightlyGate.Outcome outcome = NightlyGate.judge(baseline, plan.profile(), planned,
                    rowRecords(context.sideInput(rows)), Locations.show(root.resolve("runs")), root.resolve("regression.md"));
            outcome.rows().forEach(row -> LOG.info("gate {}: {}", row.rowId(), row.verdict().text()));
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

    /** Renders the plan's tables from the gathered rows; emits the files written. */
    static final class RenderTablesFn extends DoFn<ReproductionPlan, String> {
        private final String out;
        private final PCollectionView<List<RowGroup>> rows;

        RenderTablesFn(String out, PCollectionView<List<RowGroup>> rows) {
            this.out = out;
            this.rows = rows;
        }

        @ProcessElement
        public void process(@Element ReproductionPlan plan, OutputReceiver<String> output, ProcessContext context) {
            Path root = Locations.of(out);
            for (Path file : ReportWriter.write(plan, rowRecords(context.sideInput(rows)), root.resolve("tables"))) {
                LOG.info("wrote {}", Locations.show(file));
                output.output(Locations.show(file));
            }
        }
    }
}
