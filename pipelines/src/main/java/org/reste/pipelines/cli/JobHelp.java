package org.reste.pipelines.cli;

import java.io.PrintStream;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code --help} of a Beam job: Beam's own listing of the job's interface (names, types,
 * defaults, descriptions, PipelineOptions' --runner and the rest), so it cannot drift from what
 * the parser accepts. {@code --help=Name} lists another registered interface, e.g. Dataflow's.
 */
final class JobHelp {

    private JobHelp() {}

    static void print(Class<? extends PipelineOptions> job, String which, PrintStream out) {
        Class<? extends PipelineOptions> shown = which.equals("true") ? job : registered(which);
        out.println("Options are --name=value or --name value; a kebab-case name (--gpu-type) is read as its"
                + " camelCase (--gpuType). --help=DataflowPipelineOptions lists Dataflow's options (--help=NAME: any"
                + " registered options interface).");
        out.println();
        PipelineOptionsFactory.printHelp(out, shown);
    }

    /** A registered interface by its simple or full name. */
    private static Class<? extends PipelineOptions> registered(String name) {
        List<Class<? extends PipelineOptions>> matches = PipelineOptionsFactory.getRegisteredOptions().stream()
                .filter(c -> c.getName().equals(name) || c.getSimpleName().equals(name)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("--help=" + name + ": " + (matches.isEmpty() ? "no" : "more than one")
                    + " registered options interface of that name; known: " + PipelineOptionsFactory.getRegisteredOptions()
                    .stream().map(Class::getSimpleName).sorted().distinct().toList());
        }
        return matches.get(0);
    }
}
