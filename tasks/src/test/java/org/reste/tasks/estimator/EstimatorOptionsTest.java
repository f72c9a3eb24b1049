package org.reste.tasks.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EstimatorOptionsTest {

    @Test
    void extrasAreASortedImmutableCopy() {
        Map<String, Double> given = new HashMap<>(Map.of("tmin", 0.001, "tmax", 10.0));
        EstimatorOptions options = EstimatorOptions.defaults().withExtras(given);
        given.put("tmin", 5.0);
        assertEquals(List.of("tmax", "tmin"), List.copyOf(options.extras().keySet()));
        assertEquals(0.001, options.extra("tmin", 0.1));
        assertEquals(0.5, options.extra("alpha", 0.5), "absent: the default");
        assertThrows(UnsupportedOperationException.class, () -> options.extras().put("x", 1.0));
        assertTrue(EstimatorOptions.defaults().extras().isEmpty());
        assertEquals(EstimatorOptions.defaults(), new EstimatorOptions(3.0, 1.5, 0.1, null));
    }

    @Test
    void typedAccessorsRefuseWhatTheyCannotRepresent() {
        EstimatorOptions options = EstimatorOptions.defaults().withExtra("n_end", 9.5).withExtra("learn_alpha", 2);
        assertEquals(7, options.extraInt("n_start", 7));
        assertEquals("option n_end must be a whole number, got 9.5",
                assertThrows(IllegalArgumentException.class, () -> options.extraInt("n_end", 18)).getMessage());
        assertEquals("option learn_alpha must be 0 or 1, got 2.0",
                assertThrows(IllegalArgumentException.class, () -> options.extraFlag("learn_alpha", false)).getMessage());
        assertFalse(EstimatorOptions.defaults().extraFlag("learn_alpha", false));
        assertEquals("option alpha must be a finite number, got NaN", assertThrows(IllegalArgumentException.class,
                () -> EstimatorOptions.defaults().withExtra("alpha", Double.NaN)).getMessage());
    }

    @Test
    void anOptionTheEstimatorDoesNotReadIsNamed() {
        IllegalArgumentException ede = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.create(
                "ede", EstimatorOptions.defaults().withExtra("alpha", 0.3), Role.WEIGHTS));
        assertEquals("estimator 'ede' has no option 'alpha'; its options: tmax (default 10.0), tmin (default 0.1)",
                ede.getMessage());
        IllegalArgumentException reste = assertThrows(IllegalArgumentException.class, () -> EstimatorRegistry.create(
                "reste", EstimatorOptions.defaults().withExtra("tmin", 1), Role.WEIGHTS));
        assertEquals("estimator 'reste' has no option 'tmin'; it has no options", reste.getMessage());
    }

    @Test
    void resolvedOptionsFillInDefaults() {
        assertEquals(Map.of("alpha", 0.2, "learn_alpha", 0.0), EstimatorRegistry.resolveOptions("dsq", null));
        assertEquals(Map.of("tmin", 0.001, "tmax", 10.0), EstimatorRegistry.resolveOptions("ede", Map.of("tmin", 0.001)));
        assertEquals(Map.of("n_end", 18.0, "n_start", 9.0, "omega", 0.1), EstimatorRegistry.optionDefaults("fda"));
        assertEquals(Map.of("tmin", 0.01, "tmax", 10.0), EstimatorRegistry.optionDefaults("rbnn"));
        assertTrue(EstimatorRegistry.optionDefaults("reste").isEmpty());
        assertTrue(EstimatorRegistry.optionDefaults("approxsign").isEmpty());
    }
}
