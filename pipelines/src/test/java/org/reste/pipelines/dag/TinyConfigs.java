package org.reste.pipelines.dag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A configs/ folder small enough for tests: two runs of the tiny plumbing backbone per table, one epoch, 96 images. */
final class TinyConfigs {

    private TinyConfigs() {}

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        Files.createDirectories(dir.resolve("experiments"));
        Files.createDirectories(dir.resolve("reference"));
        Files.writeString(dir.resolve("profiles/tiny.yaml"), """
                profile: tiny
                title: "tiny — 1 epoch on 96 images (test)"
                epochs: 1
                train_subset: 96
                test_subset: 50
                batch: 32
                test_batch: 50
                lr: 0.05
                warmup_epochs: 0
                seed: 1
                """);
        Files.writeString(dir.resolve("experiments/table1.yaml"), """
                table: table1
                title: "Table 1 — CIFAR-10 top-1 (%)"
                dataset: cifar10
                matrix:
                  - {backbone: tiny, wa: ["1/1", "32/32"], estimator: [reste]}
                """);
        Files.writeString(dir.resolve("experiments/table3.yaml"), """
                table: table3
                title: "Table 3 — estimators"
                dataset: cifar10
                matrix:
                  - {backbone: tiny, wa: "1/1", estimator: [ste, reste]}
                """);
        Files.writeString(dir.resolve("experiments/equilibrium.yaml"), """
                table: equilibrium
                title: "Equilibrium"
                dataset: cifar10
                matrix:
                  - {backbone: tiny, wa: "1/1", estimator: reste, o_end: [1, 3], indicators: true}
                """);
        Files.writeString(dir.resolve("reference/paper.yaml"), """
                tables:
                  table1:
                    title: "CIFAR-10"
                    dataset: cifar10
                    rows:
                      - {backbone: tiny, wa: "1/1", method: "ReSTE (ours)", estimator: reste, auxiliary: none, top1: 86.75}
                      - {backbone: tiny, wa: "1/1", method: "IR-Net", ref: 42, auxiliary: module, top1: 86.5}
                      - {backbone: tiny, wa: "1/32", method: "ReSTE (ours)", estimator: reste, auxiliary: none, top1: 91.32}
                  table3:
                    title: "Estimators"
                    dataset: cifar10
                    rows:
                      - {backbone: tiny, wa: "1/1", method: "STE", ref: 58, estimator: ste, auxiliary: none, top1: 84.44, type: "Identity function", rational: true, flexible: not}
                official_settings:
                  - {dataset: cifar10, backbone: tiny, wa: "1/1", epochs: 1000, batch: 256}
                """);
        return dir;
    }
}
