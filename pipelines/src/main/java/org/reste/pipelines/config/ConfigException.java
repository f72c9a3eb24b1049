package org.reste.pipelines.config;

/** A config that cannot be used, with the file, line and field it is about, in one message. */
public final class ConfigException extends IllegalArgumentException {

    public ConfigException(String file, int line, String field, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (field == null ? "" : ": field '" + field + "'") + ": " + problem);
    }
}
