package org.reste.pipelines.report.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one look of the report's figures (sizes, fonts, palette, white background, legend below
 * the plot, tick formats), so that every figure reads alike and a change of style is made once.
 */
public final class FigureStyle {

    /** A figure of three panels side by side (the paper's Fig. 4). */
    public static final int THREE_PANEL_WIDTH = 1500;
    public static final int THREE_PANEL_HEIGHT = 450;
    /** A figure of two panels side by side (training curves). */
    public static final int TWO_PANEL_WIDTH = 1000;
    public static final int TWO_PANEL_HEIGHT = 400;
    /** A figure of one panel (the paper's Fig. 6). */
    public static final int ONE_PANEL_WIDTH = 600;
    public static final int ONE_PANEL_HEIGHT = 400;

    /** Alpha of a seed band: light enough that the lines over it stay readable. */
    static final int BAND_ALPHA = 56;
    static final float LINE_WIDTH = 2f;
    static final float ERROR_BAR_WIDTH = 1.3f;

    /** Matplotlib's tab10: distinct, colour-blind tolerant, familiar to readers of papers. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
    };

    private static final String FONT = Font.SANS_SERIF;

    private FigureStyle() {}

    /** The colour of the {@code index}-th series (in the caller's order), cycling past ten. */
    public static Color color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** {@code color} see-through, for a band behind its line. */
    static Color translucent(Color color) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA);
    }

    /** An empty panel in the house style; the x axis is linear with plain decimal ticks. */
    /**
     * A panel whose y axis fits {@code values}: logarithmic (and said in its title) when
     * {@code mayBeLog} and they span decades, else linear over their range; with no values, a
     * panel that says "no runs yet".
     */
    static XYChart valuePanel(int width, int height, String title, String xTitle, String yTitle,
            java.util.Collection<Double> values, boolean mayBeLog) {
        boolean empty = values.isEmpty();
        boolean log = mayBeLog && LogScale.spansDecades(values);
        XYChart chart = panel(width, height, empty ? noRunsYet(title) : title, xTitle, yTitle + (log ? LogScale.AXIS_NOTE : ""));
        if (empty) {
            markEmpty(chart);
        } else if (log) {
            logY(chart);
        } else {
            linearY(chart, values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }
        return chart;
    }

    static XYChart panel(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        XYStyler s = chart.getStyler();
        s.setLocale(Locale.ROOT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(Color.BLACK);
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendPosition(LegendPosition.OutsideS);
        s.setLegendLayout(LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setChartPadding(12);
        s.setMarkerSize(7);
        s.setXAxisDecimalPattern("0.##");
        s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
        return chart;
    }

    /** Linear y ticks with as many decimals as the range needs (none for 20..90, six for 1e-4). */
    static void linearY(XYChart chart, double min, double max) {
        chart.getStyler().setYAxisLogarithmic(false);
        chart.getStyler().setYAxisDecimalPattern(decimalPattern(min, max));
    }

    /** Logarithmic y (labels at the decades, XChart's own 0.01 / 1E-5 formats). */
    static void logY(XYChart chart) {
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern(null);
    }

    static String decimalPattern(double min, double max) {
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        double span = max - min;
        if (!Double.isFinite(span) || !Double.isFinite(magnitude)) {
            return "0.###";
        }
        if (magnitude >= 1e5 || (magnitude > 0 && magnitude < 1e-4)) {
            return "0.##E0";
        }
        double scale = span > 0 ? span : (magnitude > 0 ? magnitude : 1);
        int decimals = Math.max(1, Math.min(8, 2 - (int) Math.floor(Math.log10(scale))));
        return "0." + "#".repeat(decimals);
    }

    /** A series drawn as a line in {@code color}, with dots when it has few points, in the legend. */
    static void styleLine(XYSeries series, Color color, boolean dots) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarker(dots ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setMarkerColor(color);
        series.setFillColor(color);
        series.setShowInLegend(true);
    }

    /**
     * Keeps the legend off the data and inside the image: one row below the plot when the
     * entries fit the panel's width, else (XChart does not wrap a row) a column to the right.
     * Called once the chart has its series.
     */
    static void fitLegend(XYChart chart) {
        XYStyler s = chart.getStyler();
        FontRenderContext context = new FontRenderContext(null, true, false);
        double row = s.getLegendPadding();
        for (XYSeries series : FigureSeries.lines(chart)) {
            double text = new TextLayout(series.getName(), s.getLegendFont(), context).getBounds().getWidth();
            row += s.getLegendSeriesLineLength() + 2 * s.getLegendPadding() + text;
        }
        boolean fits = row <= chart.getWidth() - 2 * s.getChartPadding();
        s.setLegendPosition(fits ? LegendPosition.OutsideS : LegendPosition.OutsideE);
        s.setLegendLayout(fits ? LegendLayout.Horizontal : LegendLayout.Vertical);
    }

    /** What a panel with nothing to draw says, in its title and across its plot. */
    public static final String NO_RUNS_YET = "no runs yet";

    /** {@code title} with a note that nothing has been drawn in it yet. */
    static String noRunsYet(String title) {
        return title + " (" + NO_RUNS_YET + ")";
    }

    /**
     * Marks a panel without series as empty: XChart would number a made-up -1..1 range, so the
     * ticks and grid go and the plot says {@value #NO_RUNS_YET} in its middle.
     */
    static void markEmpty(XYChart chart) {
        XYStyler s = chart.getStyler();
        s.setAxisTicksVisible(false);
        s.setPlotGridLinesVisible(false);
        s.setLegendVisible(false);
        s.setAnnotationTextFont(new Font(FONT, Font.ITALIC, 14));
        s.setAnnotationTextFontColor(Color.GRAY);
        chart.addAnnotation(new AnnotationText(NO_RUNS_YET, 0, 0, false));
    }
}
