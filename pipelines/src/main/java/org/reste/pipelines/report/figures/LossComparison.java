package org.reste.pipelines.report.figures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.RunRecord;

/**
 * The paper's Fig. 6: train loss per epoch of the o_end = 10 runs beside the o_end = 3 runs, in
 * one panel, drawn as {@link TrainingCurves} draws curves (mean over seeds, min..max band). A
 * large o_end sharpens the estimator towards sign and the loss descends less smoothly; this is
 * the figure that shows it.
 */
public final class LossComparison {

    public static final int WIDTH = FigureStyle.ONE_PANEL_WIDTH;
    public static final int HEIGHT = FigureStyle.ONE_PANEL_HEIGHT;
    /** The two o_end values the paper compares. */
    public static final double LOW_O_END = 3;
    public static final double HIGH_O_END = 10;

    private final SortedMap<Double, List<RunRecord>> byOEnd;

    /** @param byOEnd o_end -> its runs (seeds); one series per o_end, in increasing o_end */
    public LossComparison(Map<Double, List<RunRecord>> byOEnd) {
        this.byOEnd = new TreeMap<>();
        byOEnd.forEach((oEnd, runs) -> this.byOEnd.put(oEnd, List.copyOf(runs)));
    }

    /**
     * The comparison from {@code runs}: those with o_end 3 and those with o_end 10; empty unless
     * both are present. The caller passes runs that differ only in o_end and seed.
     */
    public static Optional<LossComparison> pick(Collection<RunRecord> runs) {
        List<RunRecord> low = new ArrayList<>();
        List<RunRecord> high = new ArrayList<>();
        for (RunRecord run : runs) {
            if (run.spec().oEnd() == LOW_O_END) {
                low.add(run);
            } else if (run.spec().oEnd() == HIGH_O_END) {
                high.add(run);
            }
        }
        if (low.isEmpty() || high.isEmpty()) {
            return Optional.empty();
        }
        Map<Double, List<RunRecord>> byOEnd = new LinkedHashMap<>();
        byOEnd.put(LOW_O_END, low);
        byOEnd.put(HIGH_O_END, high);
        return Optional.of(new LossComparison(byOEnd));
    }

    /** The figure's PNG from {@code runs} (see {@link #pick}); empty unless both o_end 3 and 10 are there. */
    public static Optional<byte[]> png(Collection<RunRecord> runs) {
        return pick(runs).map(LossComparison::png);
    }

    /** The series name of one o_end: "o_end = 3", "o_end = 2.5". */
    public static String seriesName(double oEnd) {
        return "o_end = " + plain(oEnd);
    }

    /** The one panel. */
    public XYChart chart() {
        Map<String, SortedMap<Integer, SeedSummary>> curves = new LinkedHashMap<>();
        byOEnd.forEach((oEnd, runs) -> curves.put(seriesName(oEnd), PerEpoch.trainLoss(runs)));
        return Curves.panel(WIDTH, HEIGHT, title(), TrainingCurves.X_TITLE, "train loss", true, curves);
    }

    /** "Train loss, o_end = 3 vs 10" for the o_end values given. */
    public String title() {
        List<String> values = byOEnd.keySet().stream().map(LossComparison::plain).toList();
        return values.isEmpty() ? "Train loss by o_end" : "Train loss, o_end = " + String.join(" vs ", values);
    }

    /** {@link #chart()} as a list, like the other figures. */
    public List<XYChart> charts() {
        return List.of(chart());
    }

    /** The panel, {@value #WIDTH} x {@value #HEIGHT}. */
    public byte[] png() {
        return SideBySide.png(charts());
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
