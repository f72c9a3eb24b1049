package org.reste.tasks.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory, from /proc where there is one (native libtorch memory included). */
final class ProcessMemory {

    private ProcessMemory() {}

    static double residentMb() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        String kb = line.substring(6).trim().split("\\s+")[0];
                        return Long.parseLong(kb) / 1024.0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall through to the JVM's view
            }
        }
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024.0 * 1024.0);
    }
}
