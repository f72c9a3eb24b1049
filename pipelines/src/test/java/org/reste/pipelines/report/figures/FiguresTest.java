package org.reste.pipelines.report.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.reste.tasks.train.RunRecord;

class FiguresTest {

    private static final double EPS = 1e-12;
    private static final String SAMPLES = "reste.figures.samples";

    // ---------------------------------------------------------------- equilibrium (Fig. 4)

    @Test
    void equilibriumIsThreePanelsOfTheFigureSize() throws IOException {
        EquilibriumFigure figure = new EquilibriumFigure(sweep());
        assertSize(figure.png(), EquilibriumFigure.WIDTH, EquilibriumFigure.HEIGHT);
        assertEquals(1500, EquilibriumFigure.WIDTH);
        assertEquals(450, EquilibriumFigure.HEIGHT);
        assertEquals(3, figure.charts().size());
    }

    @Test
    void equilibriumHasOneLinePerBackboneInEveryPanel() {
        for (XYChart chart : new EquilibriumFigure(sweep()).charts()) {
            assertEquals(List.of("resnet20 1/1", "resnet20 1/32"), names(FigureSeries.lines(chart)), chart.getTitle());
            assertEquals("o_end", chart.getXAxisTitle());
        }
    }

    @Test
    void aPointIsTheMeanOverItsSeedsWithASampleSdBar() {
        Map<String, SortedMap<Double, List<RunRecord>>> series = new LinkedHashMap<>();
        series.put("resnet20 1/1", new TreeMap<>(Map.of(
                3.0, List.of(Runs.point("resnet20", "1/1", 3, 1, 80, 0.5, 1e-3),
                        Runs.point("resnet20", "1/1", 3, 2, 82, 0.7, 2e-3),
                        Runs.point("resnet20", "1/1", 3, 3, 87, 0.9, 6e-3)),
                5.0, List.of(Runs.point("resnet20", "1/1", 5, 1, 70, 0.2, 1e-2)))));
        List<XYChart> charts = new EquilibriumFigure(series).charts();
        XYChart top1 = charts.get(2);
        XYSeries line = FigureSeries.lines(top1).get(0);
        assertArrayEquals(new double[] {3, 5}, line.getXData(), EPS);
        assertEquals((80 + 82 + 87) / 3.0, line.getYData()[0], EPS);
        assertEquals(70, line.getYData()[1], EPS);
        double sd = Math.sqrt((Math.pow(80 - 83, 2) + Math.pow(82 - 83, 2) + Math.pow(87 - 83, 2)) / 2);
        XYSeries bars = FigureSeries.errorBars(top1, "resnet20 1/1");
        assertNotNull(bars);
        assertEquals(83 + sd, max(bars.getYData()), 1e-9);
        assertEquals(83 - sd, min(bars.getYData()), 1e-9);
        // the one-seed point at o_end = 5 has no bar: every bar piece sits at x near 3
        for (double x : bars.getXData()) {
            assertEquals(3, x, 0.1);
        }
        XYSeries error = FigureSeries.lines(charts.get(0)).get(0);
        assertEquals(0.7, error.getYData()[0], EPS);
    }

    @Test
    void aRunsIndicatorIsTheMeanOverItsEpochsWithIndicators() {
        RunRecord run = Runs.run(Runs.spec("resnet20", "1/1", "reste", 3, 1), List.of(
                new Runs.Epoch(2.0, 20, 0.9, 1e-4), new Runs.Epoch(1.5, 30, null, null),
                new Runs.Epoch(1.0, 40, 0.3, 3e-4)));
        assertEquals(0.6, EquilibriumFigure.Panel.ESTIMATING_ERROR.value(run), EPS);
        assertEquals(2e-4, EquilibriumFigure.Panel.GRADIENT_INSTABILITY.value(run), EPS);
        assertEquals(40, EquilibriumFigure.Panel.BEST_TOP1.value(run), EPS);
    }

    @Test
    void runsWithoutIndicatorsAreLeftOutOfTheIndicatorPanelsOnly() {
        RunRecord with = Runs.point("resnet20", "1/1", 3, 1, 80, 0.5, 1e-3);
        RunRecord without = Runs.point("resnet20", "1/1", 3, 2, 90, null, null);
        List<XYChart> charts = new EquilibriumFigure(Map.of("resnet20 1/1",
                new TreeMap<>(Map.of(3.0, List.of(with, without))))).charts();
        assertEquals(0.5, FigureSeries.lines(charts.get(0)).get(0).getYData()[0], EPS);
        assertNull(FigureSeries.errorBars(charts.get(0), "resnet20 1/1"), "one seed with indicators: no bar");
        assertEquals(85, FigureSeries.lines(charts.get(2)).get(0).getYData()[0], EPS);
        assertNotNull(FigureSeries.errorBars(charts.get(2), "resnet20 1/1"));
    }

    @Test
    void logScaleWhereTheMeansSpanDecades() {
        List<XYChart> charts = new EquilibriumFigure(sweep()).charts();
        XYChart instability = charts.get(1);
        assertTrue(instability.getStyler().isYAxisLogarithmic());
        assertTrue(instability.getYAxisTitle().endsWith(LogScale.AXIS_NOTE), instability.getYAxisTitle());
        XYChart top1 = charts.get(2);
        assertFalse(top1.getStyler().isYAxisLogarithmic());
        assertFalse(top1.getYAxisTitle().contains("log"));
        assertTrue(LogScale.spansDecades(List.of(1e-3, 1.0)));
        assertFalse(LogScale.spansDecades(List.of(1.0, 19.0)));
        assertFalse(LogScale.spansDecades(List.of(0.0, 100.0)), "not all positive");
    }

    @Test
    void aBarReachingZeroOnALogAxisIsCutNotThrown() throws IOException {
        // seeds 1e-4 and 1e-1 at one o_end: mean - sd < 0; the other point puts the axis on log
        Map<String, SortedMap<Double, List<RunRecord>>> series = Map.of("resnet20 1/1", new TreeMap<>(Map.of(
                1.0, List.of(Runs.point("resnet20", "1/1", 1, 1, 80, 1.0, 1e-4),
                        Runs.point("resnet20", "1/1", 1, 2, 80, 1.0, 1e-1)),
                10.0, List.of(Runs.point("resnet20", "1/1", 10, 1, 80, 1.0, 1e3)))));
        EquilibriumFigure figure = new EquilibriumFigure(series);
        XYChart instability = figure.charts().get(1);
        assertTrue(instability.getStyler().isYAxisLogarithmic());
        XYSeries bars = FigureSeries.errorBars(instability, "resnet20 1/1");
        assertTrue(min(bars.getYData()) > 0);
        assertSize(figure.png(), EquilibriumFigure.WIDTH, EquilibriumFigure.HEIGHT);
    }

    @Test
    void equilibriumRendersWithNoRunsOrNoIndicatorsYet() throws IOException {
        EquilibriumFigure none = new EquilibriumFigure(Map.of());
        assertSize(none.png(), EquilibriumFigure.WIDTH, EquilibriumFigure.HEIGHT);
        for (XYChart chart : none.charts()) {
            assertTrue(chart.getTitle().contains("no runs yet"), chart.getTitle());
            assertTrue(FigureSeries.lines(chart).isEmpty());
        }
        EquilibriumFigure noIndicators = new EquilibriumFigure(Map.of("resnet20 1/1", new TreeMap<>(Map.of(
                3.0, List.of(Runs.point("resnet20", "1/1", 3, 1, 80, null, null))))));
        List<XYChart> charts = noIndicators.charts();
        assertTrue(charts.get(0).getTitle().contains("no runs yet"));
        assertTrue(charts.get(1).getTitle().contains("no runs yet"));
        assertFalse(charts.get(2).getTitle().contains("no runs yet"));
        assertSize(noIndicators.png(), EquilibriumFigure.WIDTH, EquilibriumFigure.HEIGHT);
        Map<String, SortedMap<Double, List<RunRecord>>> emptyPoint = Map.of("resnet20 1/1", new TreeMap<>(Map.of(3.0, List.of())));
        assertSize(new EquilibriumFigure(emptyPoint).png(), EquilibriumFigure.WIDTH, EquilibriumFigure.HEIGHT);
    }

    @Test
    void bySeriesGroupsBackboneAndBitsThenOEnd() {
        Map<String, SortedMap<Double, List<RunRecord>>> grouped = EquilibriumFigure.bySeries(sweepRuns());
        assertEquals(List.of("resnet20 1/1", "resnet20 1/32"), List.copyOf(grouped.keySet()));
        assertEquals(List.of(1.0, 2.0, 3.0, 5.0, 7.0, 10.0), List.copyOf(grouped.get("resnet20 1/1").keySet()));
        assertEquals(3, grouped.get("resnet20 1/1").get(3.0).size());
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        assertArrayEquals(new EquilibriumFigure(sweep()).png(), new EquilibriumFigure(sweep()).png());
        assertArrayEquals(new TrainingCurves(methods()).png(), new TrainingCurves(methods()).png());
    }

    // ---------------------------------------------------------------- training curves

    @Test
    void trainingCurvesAreTwoPanelsWithOneLinePerMethodInTheCallersOrder() throws IOException {
        TrainingCurves curves = new TrainingCurves("Table 1", methods());
        assertSize(curves.png(), TrainingCurves.WIDTH, TrainingCurves.HEIGHT);
        assertEquals(1000, TrainingCurves.WIDTH);
        assertEquals(400, TrainingCurves.HEIGHT);
        List<XYChart> charts = curves.charts();
        assertEquals(2, charts.size());
        assertEquals("Table 1: Train loss", charts.get(0).getTitle());
        for (XYChart chart : charts) {
            assertEquals(List.of("resnet20 1/1 ste", "resnet20 1/1 reste"), names(FigureSeries.lines(chart)));
            assertNotNull(FigureSeries.band(chart, "resnet20 1/1 reste"));
            assertFalse(FigureSeries.band(chart, "resnet20 1/1 reste").isShowInLegend());
            assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea,
                    FigureSeries.band(chart, "resnet20 1/1 reste").getXYSeriesRenderStyle());
        }
    }

    @Test
    void aCurveIsTheMeanOfTheSeedsThatReachedEachEpochAndSkipsDivergedEpochs() {
        RunRecord a = Runs.run(Runs.spec("resnet20", "1/1", "reste", 3, 1), List.of(
                new Runs.Epoch(2.0, 10, null, null), new Runs.Epoch(1.0, 20, null, null),
                new Runs.Epoch(0.5, 30, null, null)));
        RunRecord b = Runs.run(Runs.spec("resnet20", "1/1", "reste", 3, 2), List.of(
                new Runs.Epoch(3.0, 14, null, null), new Runs.Epoch(null, 24, null, null)));
        RunRecord c = Runs.run(Runs.spec("resnet20", "1/1", "reste", 3, 3), List.of(
                new Runs.Epoch(null, 12, null, null)));
        List<XYChart> charts = new TrainingCurves(Map.of("m", List.of(a, b, c))).charts();
        XYSeries loss = FigureSeries.lines(charts.get(0)).get(0);
        assertArrayEquals(new double[] {1, 2, 3}, loss.getXData(), EPS);
        assertArrayEquals(new double[] {2.5, 1.0, 0.5}, loss.getYData(), EPS);
        XYSeries top1 = FigureSeries.lines(charts.get(1)).get(0);
        assertArrayEquals(new double[] {12, 22, 30}, top1.getYData(), EPS);
        // band of the test top-1: epochs 1, 2 have spread (min..max), epoch 3 one seed only
        XYSeries band = FigureSeries.band(charts.get(1), "m");
        assertArrayEquals(new double[] {1, 2, 2, 1}, band.getXData(), EPS);
        assertArrayEquals(new double[] {14, 24, 20, 10}, band.getYData(), EPS);
        // the loss has spread at epoch 1 only: too little for a band
        assertNull(FigureSeries.band(charts.get(0), "m"));
    }

    @Test
    void aBandIsTheLinesColourSeeThroughAndTheLegendMovesAsideWhenARowWouldNotFit() {
        XYChart loss = new TrainingCurves(methods()).charts().get(0);
        XYSeries line = FigureSeries.lines(loss).get(1);
        java.awt.Color band = FigureSeries.band(loss, line.getName()).getFillColor();
        assertEquals(line.getLineColor().getRGB() & 0xffffff, band.getRGB() & 0xffffff);
        assertTrue(band.getAlpha() < 128);
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS, loss.getStyler().getLegendPosition());
        Map<String, List<RunRecord>> many = new LinkedHashMap<>();
        for (String estimator : List.of("ste", "approxsign", "dsq", "ede", "rbnn", "reste")) {
            many.put("resnet20 1/1 " + estimator, List.of(Runs.curve(estimator, 3, 1, 5, 80, 0.2)));
        }
        XYChart crowded = new TrainingCurves(many).charts().get(0);
        assertEquals(6, FigureSeries.lines(crowded).size());
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, crowded.getStyler().getLegendPosition());
    }

    @Test
    void trainingCurvesRenderWithNoRuns() throws IOException {
        TrainingCurves empty = new TrainingCurves(Map.of());
        assertSize(empty.png(), TrainingCurves.WIDTH, TrainingCurves.HEIGHT);
        assertTrue(empty.charts().get(0).getTitle().contains("no runs yet"));
        TrainingCurves noRecords = new TrainingCurves(Map.of("m", List.of()));
        assertSize(noRecords.png(), TrainingCurves.WIDTH, TrainingCurves.HEIGHT);
    }

    @Test
    void aLossSpanningDecadesGoesLogAccuracyNever() {
        RunRecord run = Runs.run(Runs.spec("resnet20", "1/1", "reste", 3, 1), 50,
                e -> new Runs.Epoch(2.3 * Math.pow(0.9, e), 1.0 + e, null, null));
        List<XYChart> charts = new TrainingCurves(Map.of("m", List.of(run))).charts();
        assertTrue(charts.get(0).getStyler().isYAxisLogarithmic());
        assertTrue(charts.get(0).getYAxisTitle().endsWith(LogScale.AXIS_NOTE));
        assertFalse(charts.get(1).getStyler().isYAxisLogarithmic());
    }

    // ---------------------------------------------------------------- loss comparison (Fig. 6)

    @Test
    void lossComparisonNeedsBothOEnds() throws IOException {
        List<RunRecord> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            runs.add(Runs.curve("reste", 3, seed, 40, 85, 0.1));
            runs.add(Runs.curve("reste", 5, seed, 40, 85, 0.1));
        }
        assertTrue(LossComparison.png(runs).isEmpty());
        runs.add(Runs.curve("reste", 10, 1, 40, 80, 0.6));
        byte[] png = LossComparison.png(runs).orElseThrow();
        assertSize(png, LossComparison.WIDTH, LossComparison.HEIGHT);
        LossComparison comparison = LossComparison.pick(runs).orElseThrow();
        XYChart chart = comparison.chart();
        assertEquals(List.of("o_end = 3", "o_end = 10"), names(FigureSeries.lines(chart)));
        assertEquals("Train loss, o_end = 3 vs 10", chart.getTitle());
        assertNotNull(FigureSeries.band(chart, "o_end = 3"));
        assertNull(FigureSeries.band(chart, "o_end = 10"), "one seed: no band");
        assertTrue(LossComparison.pick(List.of()).isEmpty());
    }

    // ---------------------------------------------------------------- samples to look at

    /**
     * Every sample figure renders; with -Dreste.figures.samples=DIR they are kept in DIR to look at
     * (otherwise in a temporary folder).
     */
    @Test
    void writesSamplesToLookAt(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        String samples = System.getProperty(SAMPLES, "");
        Path dir = samples.isBlank() ? tmp : Path.of(samples);
        Files.createDirectories(dir);
        Files.write(dir.resolve("equilibrium.png"), new EquilibriumFigure(sweep()).png());
        Files.write(dir.resolve("equilibrium-empty.png"), new EquilibriumFigure(Map.of()).png());
        Map<String, SortedMap<Double, List<RunRecord>>> cut = Map.of("resnet20 1/1", new TreeMap<>(Map.of(
                1.0, List.of(Runs.point("resnet20", "1/1", 1, 1, 80, 1.0, 1e-4),
                        Runs.point("resnet20", "1/1", 1, 2, 82, 1.0, 1e-1)),
                3.0, List.of(Runs.point("resnet20", "1/1", 3, 1, 84, 1.0, 1e0)),
                10.0, List.of(Runs.point("resnet20", "1/1", 10, 1, 81, 1.0, 1e3)))));
        Files.write(dir.resolve("equilibrium-cut-bar.png"), new EquilibriumFigure(cut).png());
        Files.write(dir.resolve("training-curves.png"), new TrainingCurves("Table 1", methods()).png());
        Files.write(dir.resolve("training-curves-empty.png"), new TrainingCurves(Map.of()).png());
        List<RunRecord> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            runs.add(Runs.curve("reste", 3, seed, 120, 85, 0.15));
            runs.add(Runs.curve("reste", 10, seed, 120, 80, 0.8));
        }
        Files.write(dir.resolve("loss-comparison.png"), LossComparison.png(runs).orElseThrow());
        Map<String, List<RunRecord>> many = new LinkedHashMap<>();
        for (String estimator : List.of("ste", "approxsign", "dsq", "ede", "rbnn", "reste")) {
            List<RunRecord> seeds = new ArrayList<>();
            for (long seed = 1; seed <= 2; seed++) {
                seeds.add(Runs.curve(estimator, 3, seed, 5, 60 + estimator.length() * 3, 0.3));
            }
            many.put("resnet20 1/1 " + estimator, seeds);
        }
        Files.write(dir.resolve("training-curves-six-methods-five-epochs.png"), new TrainingCurves(many).png());
        Map<String, SortedMap<Double, List<RunRecord>>> one = Map.of("resnet20 1/1", new TreeMap<>(Map.of(
                3.0, List.of(Runs.point("resnet20", "1/1", 3, 1, 80, 0.5, 1e-3), Runs.point("resnet20", "1/1", 3, 2, 82, 0.6, 2e-3)))));
        Files.write(dir.resolve("equilibrium-one-point.png"), new EquilibriumFigure(one).png());
        RunRecord single = Runs.run(Runs.spec("resnet20", "1/1", "reste", 3, 1), 1, e -> new Runs.Epoch(2.0, 15, null, null));
        Files.write(dir.resolve("training-curves-one-epoch.png"), new TrainingCurves(Map.of("resnet20 1/1 reste", List.of(single))).png());
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> pngs = files.filter(f -> f.toString().endsWith(".png")).toList();
            assertEquals(9, pngs.size(), pngs.toString());
            for (Path png : pngs) {
                assertNotNull(javax.imageio.ImageIO.read(png.toFile()), png + " decodes");
            }
        }
    }

    // ---------------------------------------------------------------- fixtures

    /** Two series, six o_end values, three seeds each. */
    static Map<String, SortedMap<Double, List<RunRecord>>> sweep() {
        return EquilibriumFigure.bySeries(sweepRuns());
    }

    static List<RunRecord> sweepRuns() {
        List<RunRecord> runs = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (String wa : List.of("1/1", "1/32")) {
            double shift = wa.equals("1/1") ? 0 : 4;
            for (double oEnd : List.of(1.0, 2.0, 3.0, 5.0, 7.0, 10.0)) {
                for (long seed = 1; seed <= 3; seed++) {
                    double noise = 1 + 0.15 * (random.nextDouble() - 0.5);
                    double error = 12 / Math.pow(oEnd, 0.9) * noise * (1 + shift / 20);
                    double instability = 2e-6 * Math.pow(2.6, oEnd) * noise * (1 + shift / 4);
                    double top1 = 80 + shift - 1.2 * Math.pow(Math.log(oEnd / 3), 2) * 4 + 2 * (random.nextDouble() - 0.5);
                    runs.add(Runs.point("resnet20", wa, oEnd, seed, top1, error, instability));
                }
            }
        }
        return runs;
    }

    /** Two methods, three seeds each; one seed stopped early, one diverged for a while. */
    static Map<String, List<RunRecord>> methods() {
        Map<String, List<RunRecord>> methods = new LinkedHashMap<>();
        List<RunRecord> ste = new ArrayList<>();
        List<RunRecord> reste = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            ste.add(Runs.curve("ste", 3, seed, seed == 3 ? 45 : 60, 78, 0.25));
            reste.add(Runs.curve("reste", 3, seed, 60, 84, 0.25));
        }
        methods.put("resnet20 1/1 ste", ste);
        methods.put("resnet20 1/1 reste", reste);
        return methods;
    }

    private static void assertSize(byte[] png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "decodes as PNG");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }

    private static List<String> names(List<XYSeries> series) {
        return series.stream().map(XYSeries::getName).toList();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElseThrow();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).min().orElseThrow();
    }
}
