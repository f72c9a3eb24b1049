package org.reste.tasks.train;

import java.util.Map;

/** One epoch's mean indicators: summed over the binarized convs, and per conv by name. */
public record IndicatorValues(
        double estimatingError,
        double gradientInstability,
        Map<String, Double> estimatingErrorPerLayer,
        Map<String, Double> gradientInstabilityPerLayer) {}
