package org.reste.pipelines.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Beam options as a person types them ({@code --temp-location gs://b/t}) in the one form
 * PipelineOptionsFactory reads ({@code --tempLocation=gs://b/t}): a value after a space is joined
 * with '=', and a kebab-case name becomes Beam's camelCase name.
 */
final class BeamArgs {

    private BeamArgs() {}

    static List<String> normalize(List<String> raw) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String arg = raw.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Beam option expected (--name=value), got '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < raw.size() && !raw.get(i + 1).startsWith("--")) {
                value = raw.get(++i);
            } else {
                value = null; // a bare flag: Beam reads it as true
            }
            args.add("--" + camelCase(name) + (value == null ? "" : "=" + value));
        }
        return args;
    }

    /** The last value given for a normalized option, as Beam would take it. */
    static Optional<String> value(List<String> normalized, String name) {
        String prefix = "--" + name + "=";
        return normalized.stream().filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length()))
                .reduce((first, second) -> second);
    }

    static String camelCase(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
