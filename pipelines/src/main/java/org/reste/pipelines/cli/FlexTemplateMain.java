package org.reste.pipelines.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Flex Template's entry point (FLEX_TEMPLATE_JAVA_MAIN_CLASS in infra/Dockerfile.launcher).
 * Dataflow's launcher calls it with every template parameter and its own options as
 * {@code --name=value}; this runs {@code reste reproduce} with them, on Dataflow unless a runner is
 * named, and returns once the job is submitted instead of holding the launcher VM for hours.
 */
public final class FlexTemplateMain {

    private FlexTemplateMain() {}

    public static void main(String[] args) {
        System.exit(ResteCli.execute(reproduceArgs(args)));
    }

    static String[] reproduceArgs(String... launcherArgs) {
        List<String> args = new ArrayList<>(List.of("reproduce", "--detach"));
        args.addAll(Arrays.asList(launcherArgs));
        if (args.stream().noneMatch(arg -> arg.equals("--runner") || arg.startsWith("--runner="))) {
            args.add("--runner=" + DataflowArgs.DATAFLOW);
        }
        return args.toArray(String[]::new);
    }
}
