package org.reste.pipelines.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code ./reste} command line: one subcommand per job. */
@Command(
        name = "reste",
        mixinStandardHelpOptions = true,
        version = "reste 0.1.0",
        description = "Reproduce ReSTE (ICCV 2023): train binary networks, inspect estimators, benchmark, gate nightly accuracy.",
        subcommands = {ReproduceCommand.class, TrainCommand.class, EstimatorCommand.class, BenchCommand.class,
            ReportCommand.class, PreprocessCommand.class, RegressCommand.class, ParityTraceCommand.class})
public final class ResteCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; bad input ends with one message and exit code 2, no stack trace. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new ResteCli());
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            if (exception instanceof IllegalArgumentException || exception instanceof IllegalStateException
                    || exception instanceof java.io.UncheckedIOException
                    || exception instanceof org.reste.tasks.data.DatasetException) {
                commandLine.getErr().println("reste: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return cli.execute(args);
    }
}
