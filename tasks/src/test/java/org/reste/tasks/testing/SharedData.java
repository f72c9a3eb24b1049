package org.reste.tasks.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data sets tests read: the workplace's full copies ({@code <root>/../shared/data}, never
 * copied into the repo) where they exist, else the slices shipped in {@code data/}, so that a
 * fresh clone runs every test. {@code -Dreste.shared=DIR} names another shared folder (a missing
 * one shows what a fresh clone runs).
 */
public final class SharedData {

    /** The shipped CIFAR-10 slice: 200 records of each training file, 500 test records. */
    public static final int SAMPLE_CIFAR_TRAIN = 1000;
    public static final int SAMPLE_CIFAR_TEST = 500;

    private SharedData() {}

    /** Project root: surefire sets {@code reste.root}; else the working dir (module) parent. */
    public static Path root() {
        String prop = System.getProperty("reste.root");
        Path root = prop != null && !prop.isBlank()
                ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    private static Path shared() {
        String prop = System.getProperty("reste.shared");
        return (prop != null && !prop.isBlank() ? Path.of(prop) : root().resolve("../shared/data")).toAbsolutePath().normalize();
    }

    /** Whether the full CIFAR-10 copy is here (else {@link #cifar10()} is the shipped slice). */
    public static boolean hasFullCifar10() {
        return Files.isDirectory(shared().resolve("cifar10/cifar-10-batches-bin"));
    }

    /** The CIFAR-10 binary batches: the full copy, else the shipped slice (1,000 / 500 images). */
    public static Path cifar10() {
        return hasFullCifar10() ? shared().resolve("cifar10/cifar-10-batches-bin")
                : root().resolve("data/cifar10-sample/cifar-10-batches-bin");
    }

    /** Fashion-MNIST's idx files: the full copy, else the shipped slice (500 / 100 images). */
    public static Path fashionMnist() {
        Path full = shared().resolve("fashion-mnist");
        return Files.isDirectory(full) ? full : root().resolve("data/fashion-mnist-sample");
    }

    /** {@code wanted} training images, or all the shipped slice has. */
    public static int cifarTrain(int wanted) {
        return hasFullCifar10() ? wanted : Math.min(wanted, SAMPLE_CIFAR_TRAIN);
    }

    /** {@code wanted} test images, or all the shipped slice has. */
    public static int cifarTest(int wanted) {
        return hasFullCifar10() ? wanted : Math.min(wanted, SAMPLE_CIFAR_TEST);
    }
}
