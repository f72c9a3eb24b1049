package org.reste.tasks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reste.tasks.io.FakeGcs;
import org.reste.tasks.io.Locations;

/** The run lease on Cloud Storage (the in-process fake): generation preconditions make it exclusive. */
class CloudRunLeaseTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final String URI = "gs://reste-test/out/leases/run.lease";

    private FakeGcs gcs;
    private Path file;

    @BeforeEach
    void fake() {
        gcs = FakeGcs.install("reste-test");
        file = Locations.of(URI);
    }

    @AfterEach
    void real() {
        FakeGcs.uninstall();
    }

    @Test
    void aSecondTakerIsRefusedUntilTheFirstReleases() {
        RunLease first = RunLease.take(file, "host-a:1", T0).orElseThrow();
        assertTrue(gcs.exists(URI));
        assertTrue(RunLease.take(file, "host-b:2", T0.plusSeconds(60)).isEmpty(), "held and fresh");
        assertEquals("host-a:1", RunLease.heldBy(file).orElseThrow().holder());
        assertTrue(first.renew(T0.plusSeconds(240)));
        assertEquals(T0.plusSeconds(240), RunLease.heldBy(file).orElseThrow().renewed());
        assertTrue(RunLease.take(file, "host-b:2", T0.plus(RunLease.STALE_AFTER).plusSeconds(60)).isEmpty(),
                "renewed at +4 min: still fresh at stale + 1 min");
        first.close();
        assertFalse(gcs.exists(URI));
        assertTrue(RunLease.take(file, "host-b:2", T0.plusSeconds(300)).isPresent(), "free again");
    }

    @Test
    void aStaleLeaseIsBrokenAndItsOldHolderCanNeitherRenewNorReleaseTheNewOne() {
        RunLease dead = RunLease.take(file, "dead-host:9", T0).orElseThrow(); // paused past its staleness
        assertTrue(RunLease.take(file, "host-b:2", T0.plus(RunLease.STALE_AFTER).minusSeconds(1)).isEmpty());
        RunLease taken = RunLease.take(file, "host-b:2", T0.plus(RunLease.STALE_AFTER).plusSeconds(1)).orElseThrow();
        assertEquals("host-b:2", RunLease.heldBy(file).orElseThrow().holder());

        assertFalse(dead.renew(T0.plus(RunLease.STALE_AFTER).plusSeconds(2)), "the old holder learns it lost the lease");
        dead.close();
        assertEquals("host-b:2", RunLease.heldBy(file).orElseThrow().holder(), "and leaves the new holder's alone");
        assertTrue(taken.renew(T0.plus(RunLease.STALE_AFTER).plusSeconds(30)));
        assertEquals(List.of(URI), gcs.list("gs://reste-test/out/leases/"), "one object, nothing set aside");
    }

    @Test
    void ofTwoBreakersOfOneStaleLeaseOnlyOneTakesIt() {
        RunLease.take(file, "dead-host:9", T0).orElseThrow();
        LeaseSlot b = LeaseSlot.at(file);
        LeaseSlot c = LeaseSlot.at(file);
        LeaseSlot.Seen staleSeenByB = b.read().orElseThrow();
        LeaseSlot.Seen staleSeenByC = c.read().orElseThrow();
        b.breakStale(staleSeenByB);
        assertTrue(b.create(utf8("holder=host-b:2\ntaken=" + T0 + "\nrenewed=" + T0 + "\n")));
        c.breakStale(staleSeenByC); // too late: the object is b's generation now
        assertFalse(c.create(utf8("holder=host-c:3\n")));
        assertEquals("host-b:2", RunLease.heldBy(file).orElseThrow().holder());
    }

    @Test
    void aLeaseCutShortIsAsGoodAsStale() throws IOException {
        Files.writeString(file, "holder=cut sh");
        assertTrue(RunLease.take(file, "host-c:3", T0).isPresent());
        assertEquals("host-c:3", RunLease.heldBy(file).orElseThrow().holder());
    }

    @Test
    void aRunLeasedByAnotherProcessInTheBucketIsSkipped() {
        PathRunStore store = new PathRunStore(Locations.of("gs://reste-test/out"));
        ExperimentSpec spec = TrainingFixtures.spec("ste", 1, 32, 0.05);
        List<String> messages = TrainingFixtures.trainLeasedElsewhere(store, spec);
        assertTrue(messages.get(0).contains("gs://reste-test/out/leases/" + spec.runId() + ".lease"), messages.toString());
        assertFalse(gcs.exists("gs://reste-test/out/runs/" + spec.runId() + ".json"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
