package org.reste.pipelines.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tables' statistics on numbers whose answers are known by hand. */
class StatisticsTest {

    @Test
    void aSummaryHasTheSampleStandardDeviation() {
        SeedSummary s = SeedSummary.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), s.sd(), 1e-12, "n - 1 in the denominator");
        assertEquals(1.0, s.min());
        assertEquals(4.0, s.max());
        assertEquals("2.50 ± 1.29", s.meanAndSd());
        assertEquals("1.00–4.00", s.range());
    }

    @Test
    void oneSeedHasNoSpread() {
        SeedSummary s = SeedSummary.of(List.of(30.1));
        assertNull(s.sd());
        assertEquals("30.10", s.meanAndSd());
        assertEquals("—", s.range());
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SeedSummary.of(List.of(1.0, Double.NaN)));
    }

    @Test
    void aPairedDifferenceUsesOnlySharedSeedsAndStudentsT() {
        Map<Long, Double> a = Map.of(1L, 10.0, 2L, 12.0, 3L, 11.0);
        Map<Long, Double> b = Map.of(1L, 9.0, 2L, 10.0, 3L, 11.0, 4L, 50.0);
        PairedDifference d = PairedDifference.of(a, b).orElseThrow();
        assertEquals(List.of(1L, 2L, 3L), d.seeds(), "seed 4 has no partner");
        assertEquals(1.0, d.mean(), 1e-12, "differences 1, 2, 0");
        assertEquals(1.0, d.sd(), 1e-12);
        double halfWidth = 4.302652729911275 / Math.sqrt(3); // t(0.975, 2 df)
        assertEquals(1.0 - halfWidth, d.low(), 1e-9);
        assertEquals(1.0 + halfWidth, d.high(), 1e-9);
        assertEquals("+1.00 [-1.48, +3.48], n = 3", d.text());
    }

    @Test
    void oneSharedSeedGivesADifferenceButNoInterval() {
        PairedDifference d = PairedDifference.of(Map.of(1L, 10.0, 2L, 11.0), Map.of(2L, 12.5)).orElseThrow();
        assertEquals(-1.5, d.mean(), 1e-12);
        assertNull(d.low());
        assertNull(d.high());
        assertEquals("-1.50, n = 1 (no interval)", d.text());
        assertTrue(PairedDifference.of(Map.of(1L, 1.0), Map.of(2L, 1.0)).isEmpty(), "no shared seed, no difference");
    }
}
