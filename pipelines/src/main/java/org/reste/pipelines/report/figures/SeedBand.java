package org.reste.pipelines.report.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.reste.pipelines.report.stats.SeedSummary;

/**
 * A per-epoch curve as the mean over seeds with, behind it, a translucent band from the seeds'
 * minimum to their maximum in the line's colour: the reader sees both the typical run and how
 * far the seeds stray. The band is an XChart {@code PolygonArea} series (the upper edge left to
 * right, the lower edge back), outline-less and out of the legend; it is drawn only where two
 * seeds or more reached an epoch.
 */
final class SeedBand {

    /** Up to this many points a line also gets dots, so that a short run is still visible. */
    private static final int DOTS_UP_TO = 25;

    private SeedBand() {}

    /**
     * Adds the curves of {@code series} (name -> per-epoch statistics) in their order, colour
     * {@code i} for the i-th: all bands first, then all lines, so that no band veils a line.
     */
    static void addAll(XYChart chart, Map<String, SortedMap<Integer, SeedSummary>> series) {
        int index = 0;
        for (Map.Entry<String, SortedMap<Integer, SeedSummary>> e : series.entrySet()) {
            addBand(chart, e.getKey(), e.getValue(), FigureStyle.color(index++));
        }
        index = 0;
        for (Map.Entry<String, SortedMap<Integer, SeedSummary>> e : series.entrySet()) {
            addLine(chart, e.getKey(), e.getValue(), FigureStyle.color(index++));
        }
    }

    /** The mean line; nothing for no epochs. */
    private static void addLine(XYChart chart, String name, SortedMap<Integer, SeedSummary> perEpoch, Color color) {
        if (perEpoch.isEmpty()) {
            return;
        }
        double[] x = new double[perEpoch.size()];
        double[] y = new double[perEpoch.size()];
        int i = 0;
        for (Map.Entry<Integer, SeedSummary> e : perEpoch.entrySet()) {
            x[i] = e.getKey();
            y[i] = e.getValue().mean();
            i++;
        }
        XYSeries line = chart.addSeries(name, x, y);
        FigureStyle.styleLine(line, color, x.length <= DOTS_UP_TO);
    }

    /** The min..max band where two seeds or more reached an epoch; nothing with fewer than two such epochs. */
    private static void addBand(XYChart chart, String name, SortedMap<Integer, SeedSummary> perEpoch, Color color) {
        List<double[]> spread = new ArrayList<>();
        perEpoch.forEach((epoch, s) -> {
            if (s.hasSpread()) {
                spread.add(new double[] {epoch, s.min(), s.max()});
            }
        });
        if (spread.size() < 2) {
            return;
        }
        int n = spread.size();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double[] p = spread.get(i);
            x[i] = p[0];
            y[i] = p[2];
            double[] q = spread.get(n - 1 - i);
            x[n + i] = q[0];
            y[n + i] = q[1];
        }
        XYSeries band = chart.addSeries(name + FigureSeries.BAND_SUFFIX, x, y);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setLineStyle(SeriesLines.NONE);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(FigureStyle.translucent(color));
        band.setLineColor(color);
        band.setShowInLegend(false);
    }
}
