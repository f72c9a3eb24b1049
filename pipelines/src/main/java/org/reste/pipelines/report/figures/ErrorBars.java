package org.reste.pipelines.report.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.reste.pipelines.report.stats.SeedSummary;

/**
 * Error bars of one sample standard deviation over seeds, drawn as a series of their own: a
 * vertical segment with a cap at each end per point, the pieces separated by NaN (where XChart
 * lifts the pen). XChart's built-in error bars are symmetric and make a logarithmic axis throw
 * as soon as mean - sd is not positive; drawn this way, a bar that would reach zero or below on a
 * log axis is cut at the panel's floor and left without its lower cap, which says "goes further".
 * Points of one seed get no bar.
 */
final class ErrorBars {

    private ErrorBars() {}

    /**
     * Adds the bars of line {@code name}.
     *
     * @param capHalfWidth half the cap's width, in x units
     * @param logFloor on a log axis, the lowest value a bar may reach (positive); null when linear
     */
    static void add(XYChart chart, String name, SortedMap<Double, SeedSummary> points, Color color, double capHalfWidth,
            Double logFloor) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        points.forEach((x, s) -> {
            if (!s.hasSpread() || !(s.sd() > 0)) {
                return;
            }
            double top = s.mean() + s.sd();
            double bottom = s.mean() - s.sd();
            boolean cut = logFloor != null && bottom < logFloor;
            if (cut) {
                bottom = logFloor;
            }
            segment(xs, ys, x, bottom, x, top);
            segment(xs, ys, x - capHalfWidth, top, x + capHalfWidth, top);
            if (!cut) {
                segment(xs, ys, x - capHalfWidth, bottom, x + capHalfWidth, bottom);
            }
        });
        if (xs.isEmpty()) {
            return;
        }
        XYSeries bars = chart.addSeries(name + FigureSeries.ERROR_BARS_SUFFIX, xs, ys);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        bars.setLineColor(color);
        bars.setLineStyle(new BasicStroke(FigureStyle.ERROR_BAR_WIDTH));
        bars.setMarker(SeriesMarkers.NONE);
        bars.setShowInLegend(false);
    }

    private static void segment(List<Double> xs, List<Double> ys, double x0, double y0, double x1, double y1) {
        xs.add(x0);
        ys.add(y0);
        xs.add(x1);
        ys.add(y1);
        xs.add(x1);
        ys.add(Double.NaN);
    }
}
