package org.reste.pipelines.dag;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.reste.pipelines.config.PlannedRun;

/**
 * Every run to train as its own bundle, handed on only once the whole plan is in: a GroupByKey
 * on the run id with the default trigger. A Reshuffle, which this replaces, fires on every
 * element: the DirectRunner then started training the first bundle of planned runs while the
 * last ones were still unread and, once read, trained those one after another on a single
 * thread however many runs at once were asked for (seen on the cpu-reference run of 2026-12-03:
 * its last two runs would have taken turns on one of two cores). On Dataflow the grouping is
 * the same fusion break the Reshuffle was.
 */
final class EachRunApart extends PTransform<PCollection<PlannedRun>, PCollection<PlannedRun>> {

    @Override
    public PCollection<PlannedRun> expand(PCollection<PlannedRun> runs) {
        SerializableCoder<PlannedRun> coder = SerializableCoder.of(PlannedRun.class);
        return runs
                .apply("KeyByRunId", WithKeys.of(PlannedRun::runId).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
                .apply("WholePlan", GroupByKey.create())
                .apply("Runs", Values.create())
                .apply("OnePerBundle", Flatten.iterables())
                .setCoder(coder);
    }
}
