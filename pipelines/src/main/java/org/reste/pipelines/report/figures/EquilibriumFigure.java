package org.reste.pipelines.report.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.IndicatorValues;
import org.reste.tasks.train.RunRecord;

/**
 * The paper's Fig. 4, the equilibrium of the o_end sweep: estimating error, gradient instability
 * and best test top-1, each against o_end, one line per backbone. A point is the mean over that
 * point's seeds with an error bar of their sample standard deviation (none for one seed); a
 * run's indicator value is the mean over its epochs that have indicators, and runs without
 * indicators are left out of those two panels. Each panel's y axis goes logarithmic when its
 * means span decades (see {@link LogScale}), and says so in its title.
 */
public final class EquilibriumFigure {

    public static final int WIDTH = FigureStyle.THREE_PANEL_WIDTH;
    public static final int HEIGHT = FigureStyle.THREE_PANEL_HEIGHT;
    public static final String X_TITLE = "o_end";

    /** The three panels, left to right, and how one run gives its value in each. */
    public enum Panel {
        ESTIMATING_ERROR("Estimating error", "estimating error, mean over epochs",
                run -> indicatorMean(run, IndicatorValues::estimatingError)),
        GRADIENT_INSTABILITY("Gradient instability", "gradient instability, mean over epochs",
                run -> indicatorMean(run, IndicatorValues::gradientInstability)),
        BEST_TOP1("Test top-1", "best test top-1 (%)", RunRecord::bestTop1);

        private final String title;
        private final String yTitle;
        private final Function<RunRecord, Double> value;

        Panel(String title, String yTitle, Function<RunRecord, Double> value) {
            this.title = title;
            this.yTitle = yTitle;
            this.value = value;
        }

        public String title() {
            return title;
        }

        /** The run's value in this panel; null when it has none (no indicators, no evaluated epoch). */
        public Double value(RunRecord run) {
            Double v = value.apply(run);
            return v != null && Double.isFinite(v) ? v : null;
        }
    }

    private final Map<String, SortedMap<Double, List<RunRecord>>> series;

    /**
     * @param series series name (e.g. "resnet20 1/1") -> o_end -> that point's runs (its seeds);
     *     the map's iteration order gives the colours and the legend order
     */
    public EquilibriumFigure(Map<String, ? extends SortedMap<Double, List<RunRecord>>> series) {
        this.series = new LinkedHashMap<>();
        series.forEach((name, points) -> this.series.put(name, new TreeMap<>(points)));
    }

    /**
     * Groups runs of an o_end sweep by "backbone W/A" (sorted by name), then by o_end. The
     * caller passes only the sweep's runs: runs differing in anything but o_end and seed would
     * be averaged together.
     */
    public static Map<String, SortedMap<Double, List<RunRecord>>> bySeries(Collection<RunRecord> runs) {
        Map<String, SortedMap<Double, List<RunRecord>>> grouped = new TreeMap<>();
        for (RunRecord run : runs) {
            grouped.computeIfAbsent(run.spec().backbone() + " " + run.spec().wa(), k -> new TreeMap<>())
                    .computeIfAbsent(run.spec().oEnd(), k -> new ArrayList<>())
                    .add(run);
        }
        return new LinkedHashMap<>(grouped);
    }

    /** The three panels, left to right (see {@link Panel}); a panel without data says "no runs yet". */
    public List<XYChart> charts() {
        List<XYChart> charts = new ArrayList<>();
        for (Panel panel : Panel.values()) {
            charts.add(chart(panel));
        }
        return charts;
    }

    /** The three panels side by side, {@value #WIDTH} x {@value #HEIGHT}. */
    public byte[] png() {
        return SideBySide.png(charts());
    }

    /** Per series: o_end -> the seeds' statistics in {@code panel} (points without a value left out). */
    public Map<String, SortedMap<Double, SeedSummary>> points(Panel panel) {
        Map<String, SortedMap<Double, SeedSummary>> points = new LinkedHashMap<>();
        series.forEach((name, byOEnd) -> {
            SortedMap<Double, SeedSummary> line = new TreeMap<>();
            byOEnd.forEach((oEnd, runs) -> {
                List<Double> values = new ArrayList<>();
                for (RunRecord run : runs) {
                    Double v = panel.value(run);
                    if (v != null) {
                        values.add(v);
                    }
                }
                if (!values.isEmpty()) {
                    line.put(oEnd, SeedSummary.of(values));
                }
            });
            points.put(name, line);
        });
        return points;
    }

    private XYChart chart(Panel panel) {
        Map<String, SortedMap<Double, SeedSummary>> points = points(panel);
        List<Double> means = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        points.values().forEach(line -> line.forEach((x, s) -> {
            xs.add(x);
            means.add(s.mean());
        }));
        XYChart chart = FigureStyle.valuePanel(WIDTH / Panel.values().length, HEIGHT, panel.title, X_TITLE, panel.yTitle,
                means, true);
        if (means.isEmpty()) {
            return chart;
        }
        boolean log = LogScale.spansDecades(means);
        double xSpan = max(xs) - min(xs);
        if (xSpan == 0) {
            // one o_end: XChart would span the caps' few hundredths; give it a unit either side
            chart.getStyler().setXAxisMin(xs.get(0) - 1);
            chart.getStyler().setXAxisMax(xs.get(0) + 1);
            xSpan = 2;
        }
        double capHalfWidth = 0.012 * xSpan;
        Double floor = log ? logFloor(points) : null;
        int index = 0;
        for (Map.Entry<String, SortedMap<Double, SeedSummary>> e : points.entrySet()) {
            Color color = FigureStyle.color(index++);
            SortedMap<Double, SeedSummary> line = e.getValue();
            if (line.isEmpty()) {
                continue;
            }
            ErrorBars.add(chart, e.getKey(), line, color, capHalfWidth, floor);
            double[] x = new double[line.size()];
            double[] y = new double[line.size()];
            int i = 0;
            for (Map.Entry<Double, SeedSummary> p : line.entrySet()) {
                x[i] = p.getKey();
                y[i] = p.getValue().mean();
                i++;
            }
            XYSeries series = chart.addSeries(e.getKey(), x, y);
            FigureStyle.styleLine(series, color, true);
        }
        FigureStyle.fitLegend(chart);
        return chart;
    }

    /** Half the smallest positive value a bar or point reaches: where a bar that would reach zero is cut. */
    private static double logFloor(Map<String, SortedMap<Double, SeedSummary>> points) {
        double lowest = Double.POSITIVE_INFINITY;
        for (SortedMap<Double, SeedSummary> line : points.values()) {
            for (SeedSummary s : line.values()) {
                lowest = Math.min(lowest, s.mean());
                double bottom = s.mean() - (s.hasSpread() ? s.sd() : 0);
                if (bottom > 0) {
                    lowest = Math.min(lowest, bottom);
                }
            }
        }
        return lowest / 2;
    }

    /** The mean of {@code indicator} over the run's epochs that have indicators; null when none do. */
    static Double indicatorMean(RunRecord run, Function<IndicatorValues, Double> indicator) {
        double sum = 0;
        int n = 0;
        for (EpochRecord epoch : run.epochs()) {
            if (epoch.indicators() != null) {
                double v = indicator.apply(epoch.indicators());
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
