package org.reste.tasks.estimator;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The knobs an experiment may set on its estimator. Each estimator reads the ones it knows.
 * ReSTE's three are fields; every other estimator's knobs are named {@code extras} (DSQ's
 * {@code alpha}, EDE's {@code tmin}/{@code tmax}, ...), which {@link EstimatorRegistry} checks
 * against the estimator's declared options, so a misspelt name fails rather than being ignored.
 *
 * @param oEnd ReSTE's final power o (3 in the paper)
 * @param t ReSTE's clip threshold (1.5)
 * @param m ReSTE's small interval (0.1)
 * @param extras estimator-specific options by name; kept as a sorted, immutable copy (null: none)
 */
public record EstimatorOptions(double oEnd, double t, double m, Map<String, Double> extras) {

    public EstimatorOptions {
        extras = sortedCopy(extras);
    }

    public EstimatorOptions(double oEnd, double t, double m) {
        this(oEnd, t, m, null);
    }

    public static EstimatorOptions defaults() {
        return new EstimatorOptions(3.0, ReSTE.DEFAULT_T, ReSTE.DEFAULT_M);
    }

    public EstimatorOptions withOEnd(double value) {
        return new EstimatorOptions(value, t, m, extras);
    }

    /** These options with {@code values} as the extras (replacing the current ones). */
    public EstimatorOptions withExtras(Map<String, Double> values) {
        return new EstimatorOptions(oEnd, t, m, values);
    }

    /** These options with one extra set (added or replaced). */
    public EstimatorOptions withExtra(String name, double value) {
        TreeMap<String, Double> copy = new TreeMap<>(extras);
        copy.put(name, value);
        return new EstimatorOptions(oEnd, t, m, copy);
    }

    /** The extra {@code name}, or {@code defaultValue} when it is not set. */
    public double extra(String name, double defaultValue) {
        Double value = extras.get(name);
        return value == null ? defaultValue : value;
    }

    /** The extra {@code name} as a whole number, or {@code defaultValue}; 9.5 is refused. */
    public int extraInt(String name, int defaultValue) {
        double value = extra(name, defaultValue);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, got " + value);
        }
        return (int) value;
    }

    /** The extra {@code name} as a switch: 0 is false, 1 is true, anything else is refused. */
    public boolean extraFlag(String name, boolean defaultValue) {
        double value = extra(name, defaultValue ? 1 : 0);
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("option " + name + " must be 0 or 1, got " + value);
        }
        return value == 1;
    }

    private static SortedMap<String, Double> sortedCopy(Map<String, Double> values) {
        TreeMap<String, Double> copy = new TreeMap<>();
        if (values != null) {
            for (Map.Entry<String, Double> entry : values.entrySet()) {
                String name = entry.getKey();
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("an estimator option needs a name, got '" + name + "'");
                }
                Double value = entry.getValue();
                if (value == null || !Double.isFinite(value)) {
                    throw new IllegalArgumentException("option " + name + " must be a finite number, got " + value);
                }
                copy.put(name, value);
            }
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
