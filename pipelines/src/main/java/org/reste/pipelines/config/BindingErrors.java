package org.reste.pipelines.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns Jackson's binding errors into the project's one-line "file:line: field 'path': problem",
 * worded for someone editing the YAML, not for someone reading Jackson's type names.
 */
final class BindingErrors {

    private BindingErrors() {}

    static ConfigException toConfigException(JsonMappingException e, ConfigLines lines) {
        String path = path(e);
        // the scan's line is where the value starts (as for every other check); Jackson's, where it stopped
        int line = lines.has(path) || e.getLocation() == null ? lines.line(path) : e.getLocation().getLineNr();
        return new ConfigException(lines.file(), line, path.isEmpty() ? null : path, problem(e, lines.text(path)));
    }

    /** Jackson's path as the project writes it: "matrix[0].estimator". */
    private static String path(JsonMappingException e) {
        String path = "";
        for (JsonMappingException.Reference ref : e.getPath()) {
            path = ref.getFieldName() != null ? ConfigLines.field(path, ref.getFieldName())
                    : ConfigLines.item(path, ref.getIndex());
        }
        return path;
    }

    private static String problem(JsonMappingException e, String text) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            TreeSet<String> allowed = new TreeSet<>();
            unknown.getKnownPropertyIds().forEach(id -> allowed.add(id.toString()));
            return "unknown field; allowed: " + String.join(", ", allowed);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String expected = expected(mismatch.getTargetType());
            if (expected != null) {
                return expected + (text == null ? "" : ", got '" + text + "'");
            }
        }
        return e.getOriginalMessage();
    }

    /** What a value of {@code type} looks like in YAML; null for a type configs do not use. */
    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "expected a single value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "expected a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "expected a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "expected true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "expected a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "expected a mapping (key: value lines)";
        }
        return null;
    }
}
