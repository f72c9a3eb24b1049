package org.reste.pipelines.report.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.knowm.xchart.XYChart;
import org.reste.pipelines.report.stats.SeedSummary;

/**
 * One panel of per-epoch curves (mean line and seed band per series), shared by
 * {@link TrainingCurves} and {@link LossComparison} so both draw curves the same way. Colours
 * follow the series' order, also for series with nothing to draw, so a method keeps its colour
 * across panels.
 */
final class Curves {

    private Curves() {}

    /**
     * @param mayBeLog whether the y axis may go logarithmic when the values span decades
     */
    static XYChart panel(int width, int height, String title, String xTitle, String yTitle, boolean mayBeLog,
            Map<String, SortedMap<Integer, SeedSummary>> series) {
        List<Double> values = new ArrayList<>();
        for (SortedMap<Integer, SeedSummary> curve : series.values()) {
            for (SeedSummary s : curve.values()) {
                values.add(s.mean());
                values.add(s.min());
                values.add(s.max());
            }
        }
        XYChart chart = FigureStyle.valuePanel(width, height, title, xTitle, yTitle, values, mayBeLog);
        if (values.isEmpty()) {
            return chart;
        }
        epochAxis(chart, series);
        SeedBand.addAll(chart, series);
        FigureStyle.fitLegend(chart);
        return chart;
    }

    /**
     * The epoch axis from 0 to half an epoch past the last: round ticks (0, 10, 20...). With
     * equally spaced x values and nothing else, XChart 3.8.8 puts its ticks at data positions
     * (1, 4, 7, ...); the half epoch breaks that spacing.
     */
    private static void epochAxis(XYChart chart, Map<String, SortedMap<Integer, SeedSummary>> series) {
        int last = series.values().stream().filter(c -> !c.isEmpty()).mapToInt(SortedMap::lastKey).max().orElse(1);
        int first = series.values().stream().filter(c -> !c.isEmpty()).mapToInt(SortedMap::firstKey).min().orElse(0);
        chart.getStyler().setXAxisMin((double) Math.min(0, first));
        chart.getStyler().setXAxisMax(last + 0.5);
    }
}
