package org.reste.tasks.estimator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Estimators by the name a config or the command line uses, each with the extra options it reads
 * ({@link EstimatorOptions#extras()}) and their defaults. A new estimator is one class and one
 * line here.
 */
public final class EstimatorRegistry {

    /** Builds the estimator for one role from the experiment's options. */
    @FunctionalInterface
    public interface Factory {
        Estimator create(EstimatorOptions options, Role role);
    }

    private record Entry(Factory factory, SortedMap<String, Double> optionDefaults) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register("reste", Map.of(), (options, role) -> new ReSTE(options.oEnd(), options.t(), options.m()));
        register("ste", Map.of(), (options, role) -> new ClippedSte());
        register("identity", Map.of(), (options, role) -> new FullPrecision());
        register("approxsign", Map.of(), (options, role) -> new ApproxSign());
        register("dsq", Dsq.OPTIONS, (options, role) -> Dsq.from(options));
        register("ede", Ede.OPTIONS, (options, role) -> Ede.from(options));
        register("fda", Fda.OPTIONS, (options, role) -> Fda.from(options));
        register("rbnn", Rbnn.OPTIONS, Rbnn::from);
    }

    private EstimatorRegistry() {}

    private static void register(String name, Map<String, Double> optionDefaults, Factory factory) {
        ENTRIES.put(name, new Entry(factory, Collections.unmodifiableSortedMap(new TreeMap<>(optionDefaults))));
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(ENTRIES.keySet());
    }

    public static boolean contains(String name) {
        return ENTRIES.containsKey(name);
    }

    /** The extra options {@code name} reads, with their defaults, sorted by option name. */
    public static SortedMap<String, Double> optionDefaults(String name) {
        return entry(name).optionDefaults();
    }

    /**
     * {@code given} completed with the defaults of the options it leaves out, sorted: what an
     * estimator named {@code name} will actually use. An option it does not read is an error that
     * names the option and lists the ones it does read; so is a value that is not a finite number.
     */
    public static SortedMap<String, Double> resolveOptions(String name, Map<String, Double> given) {
        SortedMap<String, Double> defaults = optionDefaults(name);
        TreeMap<String, Double> resolved = new TreeMap<>(defaults);
        if (given != null) {
            for (Map.Entry<String, Double> option : EstimatorOptions.defaults().withExtras(given).extras().entrySet()) {
                if (!defaults.containsKey(option.getKey())) {
                    throw new IllegalArgumentException("estimator '" + name + "' has no option '" + option.getKey()
                            + "'; " + describeOptions(name));
                }
                resolved.put(option.getKey(), option.getValue());
            }
        }
        return Collections.unmodifiableSortedMap(resolved);
    }

    /** "its options: tmax (default 10.0), tmin (default 0.1)" or "it has no options". */
    public static String describeOptions(String name) {
        SortedMap<String, Double> defaults = optionDefaults(name);
        if (defaults.isEmpty()) {
            return "it has no options";
        }
        List<String> parts = new ArrayList<>();
        defaults.forEach((option, value) -> parts.add(option + " (default " + value + ")"));
        return "its options: " + String.join(", ", parts);
    }

    /**
     * The estimator named {@code name}; an unknown name lists the known ones, an option it does
     * not read or a value it cannot use is an {@link IllegalArgumentException} naming it.
     */
    public static Estimator create(String name, EstimatorOptions options, Role role) {
        Entry entry = entry(name);
        SortedMap<String, Double> resolved = resolveOptions(name, options.extras());
        return entry.factory().create(options.withExtras(resolved), role);
    }

    private static Entry entry(String name) {
        Entry entry = ENTRIES.get(name);
        if (entry == null) {
            throw new IllegalArgumentException(
                    "unknown estimator '" + name + "'; known: " + String.join(", ", names()));
        }
        return entry;
    }
}
