package org.reste.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.config.ReproductionPlan;

/** Tables show the paper's table whole, and name the data so that a committed table reads the same from any checkout. */
class PaperTableTest {

    private static final Path CONFIGS = Path.of(System.getProperty("reste.root", "..")).resolve("configs");

    @TempDir
    Path tmp;

    /** The committed configs' table, rendered the way `reste report` does, from no run records at all. */
    private String rendered(String table) throws IOException {
        ReproductionPlan plan = ReproductionPlan.load(CONFIGS, "smoke", table, Set.of("cifar10"));
        ReportWriter.write(plan, tmp.resolve("runs"), tmp.resolve("tables"));
        return Files.readString(tmp.resolve("tables").resolve("table" + table + ".md"));
    }

    private static List<String> tableLines(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("|") && !l.startsWith("|---")).toList();
    }

    @Test
    void tableOneIsThePapersTableWhole() throws IOException {
        String md = rendered("1");
        List<String> lines = tableLines(md);
        assertEquals(1 + 33, lines.size(), "the header and one line per published row (every run of ours matches one)\n" + md);
        assertTrue(lines.get(0).startsWith("| Backbone | W/A | Method | Aux. | Paper top-1 |"), lines.get(0));
        assertTrue(lines.get(1).startsWith("| resnet18 | 32/32 | FP | none | 94.84 | — |"), lines.get(1));
        assertTrue(lines.get(0).contains("| Ours best top-1 | n | min–max | Ours final top-1 | Δ best − paper | ReSTE − this (paired, 95% CI) |"),
                lines.get(0));
        assertTrue(md.contains("| resnet18 | 1/1 | IR-Net | module | 91.50 | — | — | — | — | — | — | — / — | paper only (auxiliary: module) |"), md);
        assertTrue(md.contains("| resnet18 | 1/1 | LCR-BNN | loss | 91.80 |") && md.contains("paper only (auxiliary: loss)"), md);
        assertTrue(md.contains("| vgg_small | 1/1 | Xnor-Net | none | 89.80 | — | — | — | — | — | — | — / — | paper only |"), md);
        assertTrue(md.contains("| resnet20 | 1/1 | DoReFa-Net | none | 84.44 | — | — | — | — | — | no shared finished seed yet | — / 1000 | not run yet |"), md);
        assertTrue(md.contains("| resnet20_bireal | 1/1 | ReSTE (ours) | none | 87.92 | — | — | — | — | — | — | — / 1000 | not run yet |"), md);
        assertFalse(md.contains("†"), md);
        assertFalse(md.toLowerCase(java.util.Locale.ROOT).contains("secondary"), md);
    }

    @Test
    void theReferenceTableBorrowsOnlyThePaperRowsOfItsRunsEachOnce() throws IOException {
        ReproductionPlan plan = ReproductionPlan.load(CONFIGS, "cpu-reference", "reference", Set.of("cifar10"));
        assertEquals(4 * 3, plan.distinctRuns().size(), "4 specs x seeds 1-3");
        ReportWriter.write(plan, tmp.resolve("runs"), tmp.resolve("tables"));
        String md = Files.readString(tmp.resolve("tables").resolve("reference.md"));
        List<String> lines = tableLines(md);
        assertEquals(1 + 4, lines.size(), "Table 1's FP, DoReFa-Net (STE), ReSTE 1/1 and 1/32 rows, FP once\n" + md);
        assertTrue(md.contains("| resnet20 | 1/1 | DoReFa-Net | none | 84.44 |"), md);
        assertFalse(md.contains("IR-Net"), "rows of methods we do not run stay in Table 1\n" + md);
    }

    @Test
    void tableThreeShowsThePapersPropertiesAndDaggers() throws IOException {
        String md = rendered("3");
        List<String> lines = tableLines(md);
        assertTrue(lines.get(0).startsWith("| Backbone | W/A | Method | Aux. | Type | Rational | Flexible | Paper top-1 |"),
                lines.get(0));
        assertEquals(1 + 6 + 1, lines.size(), "the paper's six rows, then our approxsign run\n" + md);
        assertTrue(lines.get(1).startsWith("| resnet20 | 1/1 | DSQ | none | Tanh-alike | not rational | little flexible | 84.11 |"),
                lines.get(1));
        assertTrue(md.contains("| FDA † | none | Fourier series | not rational | little flexible | 85.80 |"), md);
        assertTrue(md.contains("| ReSTE (ours) | none | Power function | rational | flexible | 86.75 |"), md);
        assertTrue(md.contains("| STE | none | Identity function | rational | not flexible | 84.44 |"), md);
        assertTrue(lines.get(7).startsWith("| resnet20 | 1/1 | approxsign | — | — | — | — | — |"), lines.get(7));
        assertTrue(md.contains("\n† the paper's mark"), md);
    }

    @Test
    void theShippedSampleIsNamedRelativeToTheProjectWhereverTheRecordWasMade() {
        String here = System.getProperty("reste.root", "..");
        String root = java.nio.file.Path.of(here).toAbsolutePath().normalize().toString();
        String expected = "CIFAR-10 slice (1,000 train / 500 test images) at data/cifar10-sample/cifar-10-batches-bin";
        assertEquals(expected, PaperTable.relative(
                "CIFAR-10 slice (1,000 train / 500 test images) at " + root + "/data/cifar10-sample/cifar-10-batches-bin"));
        assertEquals(expected, PaperTable.relative(
                "CIFAR-10 slice (1,000 train / 500 test images) at /elsewhere/main/data/cifar10-sample/cifar-10-batches-bin"));
        // Data outside any project is where it was.
        assertEquals("CIFAR-10 binary batches at /work/shared/data/cifar10/cifar-10-batches-bin",
                PaperTable.relative("CIFAR-10 binary batches at /work/shared/data/cifar10/cifar-10-batches-bin"));
    }
}
