package org.reste.pipelines.report.figures;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Tells a chart's data lines from the decorations drawn with them. A line is a series in the
 * legend, named as the caller named the method or backbone; its seed band and error bars are
 * series of their own (XChart draws nothing else), kept out of the legend and named after the
 * line with a suffix.
 */
public final class FigureSeries {

    /** Suffix of a line's min..max band over seeds (a filled polygon, not in the legend). */
    public static final String BAND_SUFFIX = " [seed range]";
    /** Suffix of a line's error bars, one sample standard deviation over seeds (not in the legend). */
    public static final String ERROR_BARS_SUFFIX = " [sd over seeds]";

    private FigureSeries() {}

    /** The data lines of {@code chart}, in drawing (legend) order; bands and error bars excluded. */
    public static List<XYSeries> lines(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).toList();
    }

    /** The band series drawn behind line {@code name}, if any. */
    public static XYSeries band(XYChart chart, String name) {
        return chart.getSeriesMap().get(name + BAND_SUFFIX);
    }

    /** The error-bar series drawn over line {@code name}, if any. */
    public static XYSeries errorBars(XYChart chart, String name) {
        return chart.getSeriesMap().get(name + ERROR_BARS_SUFFIX);
    }
}
