package org.reste.pipelines.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * A Beam job's command line: its PipelineOptions interface is the one definition of its options,
 * so what {@code --help} prints is what the parser accepts. Arguments may be typed as people type
 * them ({@code --gpu-type nvidia-l4}, see {@link BeamArgs}); Beam's own options (--runner,
 * --project, ...) are read by the same parser.
 */
final class JobOptions {

    private JobOptions() {}

    /**
     * The options of {@code job} from {@code args}, validated; empty when help was asked for
     * ({@code --help}, or {@code --help=InterfaceName} for Beam's), which is then printed to
     * {@code out}.
     *
     * @throws IllegalArgumentException one message naming the option: unknown, missing or a bad value
     */
    static <T extends PipelineOptions> Optional<T> parse(Class<T> job, List<String> args, PrintStream out) {
        PipelineOptionsFactory.register(job); // so --help=ReproduceOptions finds it, as Beam's own interfaces
        List<String> normalized = BeamArgs.normalize(args);
        Optional<String> help = BeamArgs.value(normalized, "help");
        if (help.isPresent() || normalized.contains("--help")) {
            JobHelp.print(job, help.orElse("true"), out);
            return Optional.empty();
        }
        try {
            return Optional.of(PipelineOptionsFactory.fromArgs(normalized.toArray(String[]::new)).withValidation().as(job));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(badValue(job, normalized).orElse(firstLine(e.getMessage())), e);
        }
    }

    /**
     * Beam's message for a value that does not parse ("Cannot deserialize value of type `int`
     * ...") names no option, so each argument is read alone to find the one at fault.
     */
    private static Optional<String> badValue(Class<? extends PipelineOptions> job, List<String> normalized) {
        for (String arg : normalized) {
            try {
                PipelineOptionsFactory.fromArgs(arg).as(job);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("Cannot deserialize")) {
                    return Optional.of(arg + ": " + firstLine(e.getMessage()));
                }
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        return message == null ? "bad option" : message.lines().findFirst().orElse(message).strip();
    }
}
