package org.reste.tasks.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the workplace's shared data sets ({@code <root>/../shared/data}); never copied into the repo. */
public final class SharedData {
    private SharedData() {
    }

    /** Project root: surefire sets {@code reste.root}; else the working dir (module) parent. */
    public static Path root() {
        String prop = System.getProperty("reste.root");
        Path root = prop != null && !prop.isBlank()
                ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    public static Path cifar10() {
        return require(root().resolve("../shared/data/cifar10/cifar-10-batches-bin").normalize());
    }

    public static Path fashionMnist() {
        return require(root().resolve("../shared/data/fashion-mnist").normalize());
    }

    /** Skips (not fails) where the shared data is absent, e.g. on a machine without the workplace copy. */
    private static Path require(Path dir) {
        assumeTrue(Files.isDirectory(dir), "shared data not found at " + dir);
        return dir;
    }
}
