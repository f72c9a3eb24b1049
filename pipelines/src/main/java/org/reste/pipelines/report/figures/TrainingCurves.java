package org.reste.pipelines.report.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.reste.pipelines.report.stats.SeedSummary;
import org.reste.tasks.train.RunRecord;

/**
 * How the methods of one table trained: train loss and test top-1 per epoch, side by side, one
 * line per method, each the mean over its seeds with a band from the seeds' minimum to their
 * maximum (see {@link SeedBand}). An epoch counts the seeds that reached it; diverged epochs
 * (null loss) are left out. The loss panel goes logarithmic when the loss spans decades; accuracy
 * stays linear.
 */
public final class TrainingCurves {

    public static final int WIDTH = FigureStyle.TWO_PANEL_WIDTH;
    public static final int HEIGHT = FigureStyle.TWO_PANEL_HEIGHT;
    public static final String X_TITLE = "epoch";

    private final String title;
    private final Map<String, List<RunRecord>> methods;

    /** @param methods method label (e.g. "resnet20 1/1 reste") -> its runs; the order gives colours and legend */
    public TrainingCurves(Map<String, List<RunRecord>> methods) {
        this(null, methods);
    }

    /** @param title put before each panel's title (e.g. "Table 1"); null or blank for none */
    public TrainingCurves(String title, Map<String, List<RunRecord>> methods) {
        this.title = title == null || title.isBlank() ? "" : title.strip() + ": ";
        this.methods = new LinkedHashMap<>(methods);
    }

    /** Train loss per epoch, then test top-1 per epoch. */
    public List<XYChart> charts() {
        int width = WIDTH / 2;
        return List.of(
                Curves.panel(width, HEIGHT, title + "Train loss", X_TITLE, "train loss", true,
                        perEpoch(PerEpoch::trainLoss)),
                Curves.panel(width, HEIGHT, title + "Test top-1", X_TITLE, "test top-1 (%)", false,
                        perEpoch(PerEpoch::testTop1)));
    }

    /** The two panels side by side, {@value #WIDTH} x {@value #HEIGHT}. */
    public byte[] png() {
        return SideBySide.png(charts());
    }

    private Map<String, SortedMap<Integer, SeedSummary>> perEpoch(
            Function<List<RunRecord>, SortedMap<Integer, SeedSummary>> quantity) {
        Map<String, SortedMap<Integer, SeedSummary>> curves = new LinkedHashMap<>();
        methods.forEach((name, runs) -> curves.put(name, quantity.apply(new ArrayList<>(runs))));
        return curves;
    }
}
