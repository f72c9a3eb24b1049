package org.reste.pipelines.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One pass over a YAML file's tokens that records every value's line ({@link ConfigLines}) and
 * refuses what binding cannot word well: malformed YAML, an empty file, a key given twice (with the
 * line of its first use, which Jackson's duplicate check does not tell).
 */
final class YamlScan {

    /** An open mapping or list: its path, the next item's index, the keys seen so far. */
    private static final class Open {
        final String path;
        final boolean list;
        int next;
        String key;
        final Set<String> keys = new HashSet<>();

        Open(String path, boolean list) {
            this.path = path;
            this.list = list;
        }
    }

    private YamlScan() {}

    static ConfigLines scan(Path file, JsonFactory yaml) {
        String name = file.toString();
        Map<String, ConfigLines.Entry> entries = new HashMap<>();
        Deque<Open> open = new ArrayDeque<>();
        try (JsonParser parser = yaml.createParser(file.toFile())) {
            // duplicates are reported below, naming both lines; the factory's own check would fire first
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() == null) {
                throw new ConfigException(name, 0, null, "the file is empty");
            }
            for (JsonToken token = parser.currentToken(); token != null; token = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                Open in = open.peek();
                if (token == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    if (!in.keys.add(key)) {
                        // YAML's "last one wins" would silently train what the first line does not say
                        String path = ConfigLines.field(in.path, key);
                        throw new ConfigException(name, line, path,
                                "given twice (first at line " + entries.get(path).line() + ")");
                    }
                    in.key = key;
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                    continue;
                }
                String path = in == null ? "" : in.list ? ConfigLines.item(in.path, in.next++) : ConfigLines.field(in.path, in.key);
                boolean scalar = token.isScalarValue();
                entries.put(path, new ConfigLines.Entry(line, scalar ? parser.getText() : null, token == JsonToken.START_ARRAY));
                if (!scalar) {
                    open.push(new Open(path, token == JsonToken.START_ARRAY));
                }
            }
        } catch (StreamReadException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(name, line, null, "malformed YAML: " + problem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(name, 0, null, "unreadable: " + e.getMessage());
        }
        return new ConfigLines(name, entries);
    }

    /**
     * The parser's message without its source excerpt: SnakeYAML indents the excerpt and the
     * position lines, and the file and line are already in front of the message.
     */
    private static String problem(String message) {
        String kept = String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .toList());
        return kept.isEmpty() ? message.strip() : kept;
    }
}
