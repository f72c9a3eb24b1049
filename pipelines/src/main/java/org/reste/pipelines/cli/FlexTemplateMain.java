package org.reste.pipelines.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Flex Template's entry point (FLEX_TEMPLATE_JAVA_MAIN_CLASS in infra/Dockerfile.launcher).
 * Dataflow's launcher calls it with every template parameter and its own options as
 * {@code --name=value}; this runs {@code reste reproduce} with them, on Dataflow unless a runner is
 * named, on the worker image built with this launcher unless one is named, and returns once the
 * job is submitted instead of holding the launcher VM for hours.
 */
public final class FlexTemplateMain {

    /** Set by infra/Dockerfile.launcher: the worker image built from the same commit. */
    static final String WORKER_IMAGE_ENV = "RESTE_WORKER_IMAGE";

    private FlexTemplateMain() {}

    public static void main(String[] args) {
        System.exit(ResteCli.execute(reproduceArgs(System.getenv(WORKER_IMAGE_ENV), args)));
    }

    static String[] reproduceArgs(String workerImage, String... launcherArgs) {
        List<String> args = new ArrayList<>(List.of("reproduce", "--detach"));
        args.addAll(Arrays.asList(launcherArgs));
        if (!given(args, "--runner")) {
            args.add("--runner=" + DataflowArgs.DATAFLOW);
        }
        if (workerImage != null && !workerImage.isBlank() && !given(args, "--sdkContainerImage")) {
            args.add("--sdkContainerImage=" + workerImage);
        }
        return args.toArray(String[]::new);
    }

    private static boolean given(List<String> args, String option) {
        return args.stream().anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="));
    }
}
