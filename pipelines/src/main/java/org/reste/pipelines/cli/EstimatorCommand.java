package org.reste.pipelines.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.reste.tasks.estimator.EstimatorOptions;
import org.reste.tasks.estimator.EstimatorProbe;
import org.reste.tasks.estimator.EstimatorRegistry;
import org.reste.tasks.estimator.Role;
import org.reste.tasks.train.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints an estimator's forward and gradient at given points, computed by the layer code itself. */
@Command(name = "estimator", mixinStandardHelpOptions = true,
        description = "Print forward sign(z) and the backward G(z) of an estimator at points, via real autograd.")
final class EstimatorCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "Estimator name: ${COMPLETION-CANDIDATES}",
            completionCandidates = EstimatorNames.class)
    String name;

    @Option(names = "--o", defaultValue = "3", description = "ReSTE's final power o_end. Default: ${DEFAULT-VALUE}")
    double o;

    @Option(names = "--epoch-fraction", defaultValue = "1",
            description = "Where in training to put the estimator's schedule, 0 (first epoch) to 1 (its end value)."
                    + " Default: ${DEFAULT-VALUE}")
    double epochFraction;

    @Option(names = "--estimator-arg", paramLabel = "NAME=VALUE",
            description = "An estimator-specific option, repeatable: dsq alpha; ede tmin, tmax; fda omega, n_start,"
                    + " n_end; rbnn tmin, tmax. Unset ones take their defaults.")
    List<String> estimatorArgList;

    @Option(names = "--role", defaultValue = "weights",
            description = "weights or activations (rbnn treats them differently). Default: ${DEFAULT-VALUE}")
    String role;

    @Option(names = "--points", split = ",", defaultValue = "-2,-1.5,-1,-0.5,-0.1,-0.05,0,0.05,0.1,0.5,1,1.5,2",
            description = "Comma-separated z values. Default: ${DEFAULT-VALUE}")
    double[] points;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Role parsedRole = parseRole(role);
        for (double point : points) {
            if (!Double.isFinite(point)) {
                throw new IllegalArgumentException("--points: every point must be a finite number, got " + point);
            }
        }
        if (!(epochFraction >= 0 && epochFraction <= 1)) {
            throw new IllegalArgumentException("--epoch-fraction must be in [0, 1], got " + epochFraction);
        }
        Map<String, Double> estimatorArgs = EstimatorArgs.parse(estimatorArgList);
        EstimatorOptions options = EstimatorOptions.defaults().withOEnd(o).withExtras(estimatorArgs);
        EstimatorProbe.Values values = EstimatorProbe.probe(name, options, parsedRole, epochFraction, points);
        SortedMap<String, Double> args = EstimatorRegistry.resolveOptions(name, estimatorArgs);
        Double scheduleValue = Double.isNaN(values.scheduleValue()) ? null : values.scheduleValue();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("estimator", name);
            out.put("o", o);
            out.put("estimator_args", args);
            out.put("role", parsedRole.name().toLowerCase(Locale.ROOT));
            out.put("epoch_fraction", epochFraction);
            out.put("schedule_value", scheduleValue);
            out.put("points", points);
            out.put("forward", values.forward());
            out.put("gradient", values.gradient());
            System.out.println(Json.write(out));
        } else {
            System.out.printf(Locale.ROOT, "# %s (%s) at epoch fraction %s, schedule value %s, options %s%n", name,
                    parsedRole.name().toLowerCase(Locale.ROOT), epochFraction,
                    scheduleValue == null ? "none" : scheduleValue.toString(), args.isEmpty() ? "none" : args);
            System.out.printf(Locale.ROOT, "%-12s %-10s %-12s%n", "z", "sign(z)", "G(z)");
            for (int i = 0; i < points.length; i++) {
                System.out.printf(Locale.ROOT, "%-12.6g %-10.1f %-12.6g%n", points[i], values.forward()[i], values.gradient()[i]);
            }
        }
        return 0;
    }

    private static Role parseRole(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "weights":
                return Role.WEIGHTS;
            case "activations":
                return Role.ACTIVATIONS;
            default:
                throw new IllegalArgumentException("--role must be weights or activations, got '" + value + "'");
        }
    }

    /** For --help: the registry's names. */
    static final class EstimatorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.copyOf(EstimatorRegistry.names()).iterator();
        }
    }

    @Override
    public String toString() {
        return "estimator " + name + " o=" + o + " " + Arrays.toString(points);
    }
}
