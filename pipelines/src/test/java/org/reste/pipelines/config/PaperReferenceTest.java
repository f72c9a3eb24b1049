package org.reste.pipelines.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reste.pipelines.config.PaperReference.Row;

/**
 * The committed configs/reference/paper.yaml holds every row of the paper's Tables 1-3, as
 * published (counted from the paper's full text, ../shared/reference/reste-iccv2023.txt).
 */
class PaperReferenceTest {

    private static final Path PAPER =
            Path.of(System.getProperty("reste.root", "..")).resolve("configs/reference/paper.yaml");

    @TempDir
    Path tmp;

    private static List<Row> rows(String table) {
        return PaperReference.load(PAPER).tables().get(table).rows();
    }

    private static Row row(String table, String backbone, String wa, String method) {
        List<Row> found = rows(table).stream()
                .filter(r -> r.backbone().equals(backbone) && r.wa().equals(wa) && r.method().equals(method)).toList();
        assertEquals(1, found.size(), table + " " + backbone + " " + wa + " " + method + ": " + found);
        return found.get(0);
    }

    private static Map<String, Long> perBackbone(String table) {
        return rows(table).stream().collect(Collectors.groupingBy(Row::backbone, TreeMap::new, Collectors.counting()));
    }

    @Test
    void everyPublishedRowIsThere() {
        PaperReference reference = PaperReference.load(PAPER);
        assertEquals(List.of("table1", "table2", "table3"), List.copyOf(reference.tables().keySet()));
        // Table 1: ResNet-18 6; ResNet-20 1W/1A 8 + 4 Bi-Real; ResNet-20 1W/32A 7; VGG-small 8.
        assertEquals(33, rows("table1").size());
        assertEquals(Map.of("resnet18", 6L, "resnet20", 15L, "resnet20_bireal", 4L, "vgg_small", 8L), perBackbone("table1"));
        // Table 2: ResNet-18 1W/1A 12 and 1W/32A 10; ResNet-34 1W/1A 7 and 1W/32A 3.
        assertEquals(32, rows("table2").size());
        assertEquals(Map.of("resnet18_imagenet", 22L, "resnet34_imagenet", 10L), perBackbone("table2"));
        assertEquals(6, rows("table3").size());
        assertEquals(4, rows("table1").stream().filter(r -> r.method().equals("FP")).count(), "one FP row per block");
        assertEquals(4, rows("table2").stream().filter(r -> r.method().equals("FP")).count(), "one FP row per block");

        for (String table : reference.tables().keySet()) {
            for (Row r : rows(table)) {
                assertEquals("paper", r.source(), r.toString());
                assertTrue(PaperReference.AUXILIARIES.contains(r.auxiliary()), r.toString());
                assertFalse(r.method().contains("*") || r.method().contains("["), r.toString());
                assertEquals(r.method().equals("FP"), r.wa().equals("32/32"), r.toString());
            }
        }
    }

    @Test
    void rowsKeepThePapersOrder() {
        assertEquals(List.of("FP", "RAD", "IR-Net", "LCR-BNN", "RBNN", "ReSTE (ours)"),
                rows("table1").subList(0, 6).stream().map(Row::method).toList());
        assertEquals(List.of("DSQ", "STE", "EDE", "FDA", "RBNN", "ReSTE (ours)"),
                rows("table3").stream().map(Row::method).toList());
        Row last = rows("table2").get(31);
        assertEquals(List.of("resnet34_imagenet", "1/32", "ReSTE (ours)", 70.74, 89.50),
                List.of(last.backbone(), last.wa(), last.method(), last.top1(), last.top5()));
    }

    @Test
    void spotValuesAsPublished() {
        Row rbnn = row("table1", "resnet20_bireal", "1/1", "RBNN");
        assertEquals(87.50, rbnn.top1());
        assertEquals("module", rbnn.auxiliary());
        assertEquals(33, rbnn.ref());
        assertNull(rbnn.estimator(), "a full method, shown as paper only");
        assertEquals("loss", row("table1", "vgg_small", "1/1", "RAD").auxiliary());
        assertNull(row("table1", "resnet20", "1/1", "FDA").ref(), "Table 1 prints FDA without a citation");
        assertEquals(91.32, row("table1", "resnet20", "1/32", "ReSTE (ours)").top1());
        assertEquals("ste", row("table1", "resnet20", "1/1", "DoReFa-Net").estimator());
        assertEquals(84.44, row("table1", "resnet20", "1/1", "DoReFa-Net").top1());
        assertEquals("dsq", row("table1", "resnet20", "1/32", "DSQ").estimator());

        Row dorefa = row("table2", "resnet18_imagenet", "1/2", "DoReFa-Net");
        assertEquals(53.40, dorefa.top1());
        assertNull(dorefa.top5(), "printed '-'");
        assertNull(dorefa.estimator());
        assertEquals(List.of(67.40, 87.20), List.of(row("table2", "resnet18_imagenet", "1/32", "ReSTE (ours)").top1(),
                row("table2", "resnet18_imagenet", "1/32", "ReSTE (ours)").top5()));
        assertEquals(2, rows("table2").stream().filter(r -> r.wa().equals("2/32")).count(), "TWN and SQ-TWN");

        Row ede = row("table3", "resnet20", "1/1", "EDE");
        assertEquals(85.20, ede.top1());
        assertEquals("Tanh-alike", ede.type());
        assertEquals(Boolean.FALSE, ede.rational());
        assertEquals("little", ede.flexible());
        assertFalse(ede.dagger());
        Row reste = row("table3", "resnet20", "1/1", "ReSTE (ours)");
        assertEquals(List.of("Power function", true, "flexible"), List.of(reste.type(), reste.rational(), reste.flexible()));
        assertEquals(Set.of("FDA", "RBNN"),
                rows("table3").stream().filter(Row::dagger).map(Row::method).collect(Collectors.toSet()));
        assertEquals(List.of("dsq", "ste", "ede", "fda", "rbnn", "reste"), rows("table3").stream().map(Row::estimator).toList());
    }

    @Test
    void aMalformedAuxiliaryNamesTheFileLineAndField() throws IOException {
        String text = Files.readString(PAPER);
        Path file = tmp.resolve("paper.yaml");
        // RAD, Table 1's second row: the paper prints "Loss"; the config spells it loss.
        Files.writeString(file, text.replaceFirst("auxiliary: loss", "auxiliary: Loss"));
        String line = Long.toString(text.lines().takeWhile(l -> !l.contains("auxiliary: loss")).count() + 1);
        ConfigException e = assertThrows(ConfigException.class, () -> PaperReference.load(file));
        assertEquals(file + ":" + line + ": field 'tables.table1.rows[1].auxiliary': expected one of none, module, loss,"
                + " got 'Loss'", e.getMessage());

        Files.writeString(file, text.replaceFirst("auxiliary: module", "auxiliary: true"));
        ConfigException old = assertThrows(ConfigException.class, () -> PaperReference.load(file));
        assertTrue(old.getMessage().contains("field 'tables.table1.rows[2].auxiliary': expected one of none, module, loss,"
                + " got 'true'"), old.getMessage());
    }
}
