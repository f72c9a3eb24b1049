package org.reste.tasks.estimator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Estimators by the name a config or the command line uses. A new estimator is one class and
 * one line here.
 */
public final class EstimatorRegistry {

    /** Builds the estimator for one role from the experiment's options. */
    @FunctionalInterface
    public interface Factory {
        Estimator create(EstimatorOptions options, Role role);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("reste", (options, role) -> new ReSTE(options.oEnd(), options.t(), options.m()));
        FACTORIES.put("ste", (options, role) -> new ClippedSte());
        FACTORIES.put("identity", (options, role) -> new FullPrecision());
    }

    private EstimatorRegistry() {}

    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    public static boolean contains(String name) {
        return FACTORIES.containsKey(name);
    }

    /** The estimator named {@code name}; an unknown name lists the known ones. */
    public static Estimator create(String name, EstimatorOptions options, Role role) {
        Factory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "unknown estimator '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory.create(options, role);
    }
}
