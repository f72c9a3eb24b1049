package org.reste.pipelines.config;

import java.util.List;
import java.util.Map;

/**
 * Where each value of one config file stands: its line and, for a single value, its text as
 * written, by field path ("matrix[1].wa"). Bound records carry no positions, so every check after
 * binding asks here to name the file, the line and the field.
 */
public final class ConfigLines {

    /** One value's position; {@code text} is null for a mapping or a list. */
    record Entry(int line, String text, boolean list) {}

    private final String file;
    private final Map<String, Entry> entries;

    ConfigLines(String file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = Map.copyOf(entries);
    }

    /** The path of {@code key} inside the mapping at {@code parent} ("" is the root). */
    public static String field(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** The path of item {@code index} of the list at {@code list}. */
    public static String item(String list, int index) {
        return list + "[" + index + "]";
    }

    public String file() {
        return file;
    }

    /** The line of the value at {@code path}, else of its nearest enclosing value (a missing field: its mapping). */
    public int line(String path) {
        for (String p = path; ; p = parent(p)) {
            Entry entry = entries.get(p);
            if (entry != null) {
                return entry.line();
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    /** The value at {@code path} as written, or null where it is a mapping, a list or absent. */
    public String text(String path) {
        Entry entry = entries.get(path);
        return entry == null ? null : entry.text();
    }

    /** True when the file has {@code path}, even as {@code key: null}. */
    public boolean has(String path) {
        return entries.containsKey(path);
    }

    /** True when the value at {@code path} is written as a list, not as one value that binds as a one-item list. */
    public boolean isList(String path) {
        Entry entry = entries.get(path);
        return entry != null && entry.list();
    }

    /**
     * The path of item {@code index} of {@code list}, or {@code list} itself where a single value
     * stands for a one-item list ("wa: 1/1").
     */
    public String itemPath(String list, int index) {
        return isList(list) ? item(list, index) : list;
    }

    public ConfigException error(String path, String problem) {
        return new ConfigException(file, line(path), path.isEmpty() ? null : path, problem);
    }

    /** {@code value}, or a "missing" error at the line of the mapping that lacks it ({@code key: null} is missing too). */
    public <T> T required(T value, String path) {
        if (value == null) {
            throw error(path, "missing");
        }
        return value;
    }

    /** {@code list}, required, and none of its items null ("[resnet20, ~]" is a slip, not a run). */
    public <T> List<T> requiredItems(List<T> list, String path) {
        required(list, path);
        for (int i = 0; i < list.size(); i++) {
            required(list.get(i), itemPath(path, i));
        }
        return list;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
