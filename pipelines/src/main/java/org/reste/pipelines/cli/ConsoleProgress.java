package org.reste.pipelines.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.reste.tasks.train.EpochRecord;
import org.reste.tasks.train.RunListener;
import org.reste.tasks.train.RunRecord;

/**
 * A one-line progress bar on a terminal (redrawn in place), or a line every few seconds when
 * the output is a log file, so CI logs stay short.
 */
final class ConsoleProgress implements RunListener {

    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLine;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onStep(int epoch, int epochs, int step, int steps, double imagesPerS, double loss, double eta) {
        String line = String.format(Locale.ROOT, "epoch %d/%d  step %d/%d %s  %.0f img/s  loss %.4f  ETA %s",
                epoch, epochs, step, steps, bar(step, steps), imagesPerS, loss, duration(eta));
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
        } else if (System.nanoTime() - lastLine > LOG_INTERVAL_NANOS || step == steps) {
            out.println(line);
            lastLine = System.nanoTime();
        }
    }

    @Override
    public void onEpoch(RunRecord progress, EpochRecord epoch) {
        if (terminal) {
            out.println();
        }
        out.printf(Locale.ROOT, "epoch %d/%d  lr %.4f%s  loss %.4f  train top-1 %.2f%%  test top-1 %.2f%%  top-5 %.2f%%  %.0f img/s  rss %.0f MB%n",
                epoch.epoch(), progress.epochsPlanned(), epoch.lr(),
                epoch.scheduleValue() == null ? "" : String.format(Locale.ROOT, "  o %.3f", epoch.scheduleValue()),
                epoch.trainLoss() == null ? Double.NaN : epoch.trainLoss(), epoch.trainTop1(), epoch.testTop1(),
                epoch.testTop5(), epoch.imagesPerS(), epoch.rssMb());
    }

    @Override
    public void onMessage(String message) {
        if (terminal) {
            out.println();
        }
        out.println(message);
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? width : (int) Math.round((double) done / total * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--:--:--";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
