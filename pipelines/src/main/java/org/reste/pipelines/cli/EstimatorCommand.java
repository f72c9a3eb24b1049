package org.reste.pipelines.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reste.tasks.estimator.EstimatorProbe;
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

    @Option(names = "--o", defaultValue = "3", description = "ReSTE power o (fixed, no schedule). Default: ${DEFAULT-VALUE}")
    double o;

    @Option(names = "--points", split = ",", defaultValue = "-2,-1.5,-1,-0.5,-0.1,-0.05,0,0.05,0.1,0.5,1,1.5,2",
            description = "Comma-separated z values. Default: ${DEFAULT-VALUE}")
    double[] points;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        EstimatorProbe.Values values = EstimatorProbe.probe(name, o, points);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("estimator", name);
            out.put("o", o);
            out.put("points", points);
            out.put("forward", values.forward());
            out.put("gradient", values.gradient());
            System.out.println(Json.write(out));
        } else {
            System.out.printf(Locale.ROOT, "%-12s %-10s %-12s%n", "z", "sign(z)", "G(z)");
            for (int i = 0; i < points.length; i++) {
                System.out.printf(Locale.ROOT, "%-12.6g %-10.1f %-12.6g%n", points[i], values.forward()[i], values.gradient()[i]);
            }
        }
        return 0;
    }

    /** For --help: the registry's names. */
    static final class EstimatorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.copyOf(org.reste.tasks.estimator.EstimatorRegistry.names()).iterator();
        }
    }

    @Override
    public String toString() {
        return "estimator " + name + " o=" + o + " " + Arrays.toString(points);
    }
}
