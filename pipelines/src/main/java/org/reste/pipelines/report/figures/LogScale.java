package org.reste.pipelines.report.figures;

import java.util.Collection;

/**
 * Whether a panel's y axis should be logarithmic: when its values span more than a factor
 * {@value #RATIO} and are all positive. Gradient instability moves by orders of magnitude over
 * the o_end sweep and a linear axis would flatten all but its largest points; quantities that
 * stay within a factor of 20 read better on a linear axis.
 */
public final class LogScale {

    /** max / min above which a panel goes logarithmic. */
    public static final double RATIO = 20;

    /** What the y-axis title says when the axis is logarithmic. */
    public static final String AXIS_NOTE = " (log scale)";

    private LogScale() {}

    /** True when every value is finite and positive and max / min exceeds {@link #RATIO}. */
    public static boolean spansDecades(Collection<Double> values) {
        if (values.isEmpty()) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max / min > RATIO;
    }
}
