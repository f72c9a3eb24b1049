package org.reste.pipelines.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import java.util.Map;

/**
 * A profile file (configs/profiles/*.yaml) as written; {@link Profile#load} checks it. A field left
 * out (or null) is null here.
 */
record ProfileFile(String profile, String title, String dataset, Integer epochs, Integer trainSubset,
        Integer testSubset, Integer batch, Integer testBatch, Double lr, Double momentum, Double weightDecay,
        Integer warmupEpochs, Integer seed,
        // a list only: "seeds: 1" is more likely a typo of seed than a one-seed list
        @JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> seeds,
        Map<String, BackboneBudget> perBackbone) {

    /** A backbone's budget: the fields it changes, the rest are the profile's. */
    record BackboneBudget(Integer epochs, Integer trainSubset, Integer testSubset, Integer batch, Integer testBatch, Double lr,
            Double momentum, Double weightDecay, Integer warmupEpochs) {}
}
