package org.reste.pipelines.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file and line, so every typed read can fail with one message
 * naming the file, the line and the field.
 */
public final class YamlNode {

    private final String file;
    private final String path;
    private final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Parses {@code file}; malformed YAML is a ConfigException at the parser's line. */
    public static YamlNode load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(name, 0, null, "no such config file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(reader);
            if (root == null) {
                throw new ConfigException(name, 0, null, "the file is empty");
            }
            return new YamlNode(name, "", root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(name, line, null, "malformed YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new ConfigException(name, 0, null, "unreadable: " + e.getMessage());
        }
    }

    public String file() {
        return file;
    }

    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    /** The dotted path of this node from the root, e.g. "matrix[1].wa". */
    public String path() {
        return path;
    }

    public ConfigException error(String problem) {
        return new ConfigException(file, line(), path.isEmpty() ? null : path, problem);
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    /** The entries of a mapping, in file order. */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping (key: value lines)");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            YamlNode value = new YamlNode(file, path.isEmpty() ? key : path + "." + key, tuple.getValueNode());
            YamlNode earlier = out.put(key, value);
            if (earlier != null) {
                // YAML's "last one wins" would silently train what the first line does not say
                throw new ConfigException(file, tuple.getKeyNode().getStartMark().getLine() + 1, value.path(),
                        "given twice (first at line " + earlier.line() + ")");
            }
        }
        return out;
    }

    /** Fails on any key outside {@code allowed}: a typo is an error, not a silent default. */
    public YamlNode onlyKeys(Set<String> allowed) {
        for (Map.Entry<String, YamlNode> entry : entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                throw entry.getValue().error("unknown field; allowed: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    /** True when the key is present with a value; {@code key: null} counts as absent. */
    public boolean has(String key) {
        YamlNode child = entries().get(key);
        return child != null && !(child.node instanceof ScalarNode scalar
                && (scalar.getValue().equals("null") || scalar.getValue().equals("~") || scalar.getValue().isEmpty()));
    }

    public YamlNode get(String key) {
        YamlNode child = entries().get(key);
        if (child == null) {
            throw new ConfigException(file, line(), path.isEmpty() ? key : path + "." + key, "missing");
        }
        return child;
    }

    /** The items of a sequence; a scalar reads as a one-item list (so "wa: 1/1" and "wa: [1/1]" agree). */
    public List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                out.add(new YamlNode(file, path + "[" + i + "]", sequence.getValue().get(i)));
            }
        } else if (node instanceof ScalarNode) {
            out.add(this);
        } else {
            throw error("expected a list");
        }
        return out;
    }

    public String text() {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value");
        }
        return scalar.getValue();
    }

    public double number() {
        try {
            return Double.parseDouble(text());
        } catch (NumberFormatException e) {
            throw error("expected a number, got '" + text() + "'");
        }
    }

    public int integer() {
        try {
            return Integer.parseInt(text());
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got '" + text() + "'");
        }
    }

    public boolean bool() {
        String value = text();
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw error("expected true or false, got '" + value + "'");
    }

    public String text(String key, String fallback) {
        return has(key) ? get(key).text() : fallback;
    }

    public double number(String key, double fallback) {
        return has(key) ? get(key).number() : fallback;
    }

    public int integer(String key, int fallback) {
        return has(key) ? get(key).integer() : fallback;
    }
}
