package org.reste.pipelines.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.ExperimentSpec;
import org.reste.tasks.train.IndicatorValues;
import org.reste.tasks.train.RunRecord;
import org.reste.tasks.train.RunStatus;

/** Fabricated run records for the figure tests and the sample figures. */
final class Runs {

    private Runs() {}

    /** One epoch's numbers; a null loss is a diverged epoch, null indicators are "off". */
    record Epoch(Double loss, double top1, Double error, Double instability) {}

    static ExperimentSpec spec(String backbone, String wa, String estimator, double oEnd, long seed) {
        return ExperimentSpec.builder().backbone(backbone).wa(wa).estimator(estimator).oEnd(oEnd).epochs(100)
                .warmupEpochs(0).seed(seed).indicators(true).build();
    }

    static RunRecord run(ExperimentSpec spec, List<Epoch> epochs) {
        List<EpochRecord> records = new ArrayList<>();
        Double best = null;
        for (int i = 0; i < epochs.size(); i++) {
            Epoch e = epochs.get(i);
            IndicatorValues indicators = e.error() == null ? null
                    : new IndicatorValues(e.error(), e.instability(), Map.of(), Map.of());
            records.add(new EpochRecord(i + 1, 0.1, spec.oEnd(), e.loss(), e.top1(), e.top1(), 99.0, 1.0, 1.0, 100.0,
                    500.0, indicators));
            best = best == null ? e.top1() : Math.max(best, e.top1());
        }
        Double last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).top1();
        return new RunRecord(spec.runId(), RunStatus.FINISHED, spec, epochs.size(), spec.epochs(), last, best, 99.0,
                99.0, 100.0, 10.0, "cpu()", 2, "0.35.1", "2.7.1", "17", "abc1234", "test data", null,
                "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", records);
    }

    static RunRecord run(ExperimentSpec spec, int epochs, IntFunction<Epoch> epoch) {
        List<Epoch> list = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            list.add(epoch.apply(e));
        }
        return run(spec, list);
    }

    /** A run whose best top-1 is {@code top1} and whose every epoch has these indicators. */
    static RunRecord point(String backbone, String wa, double oEnd, long seed, double top1, Double error,
            Double instability) {
        return run(spec(backbone, wa, "reste", oEnd, seed),
                List.of(new Epoch(1.0, top1 - 5, error, instability), new Epoch(0.8, top1, error, instability)));
    }

    /** A plausible training run: loss falling from ~2.3, top-1 rising towards {@code finalTop1}, seeded noise. */
    static RunRecord curve(String estimator, double oEnd, long seed, int epochs, double finalTop1, double roughness) {
        Random random = new Random(seed * 7919 + (long) (oEnd * 31) + estimator.hashCode());
        return run(spec("resnet20", "1/1", estimator, oEnd, seed), epochs, e -> {
            double progress = 1 - Math.exp(-e / (epochs / 4.0));
            double loss = 2.3 - 1.9 * progress + roughness * (random.nextDouble() - 0.5) * (1 - 0.5 * progress);
            double top1 = 10 + (finalTop1 - 10) * progress + 3 * (random.nextDouble() - 0.5);
            return new Epoch(Math.max(0.05, loss), top1, null, null);
        });
    }
}
