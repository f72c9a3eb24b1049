package org.reste.pipelines.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Binds one YAML config file to a record with Jackson, strictly: an unknown field or a key given
 * twice is an error, not a silent default. Every failure is one {@link ConfigException} naming the
 * file, the line and the field.
 */
final class YamlBinder {

    /** A bound config with the lines of its values, for the checks binding cannot do. */
    record Bound<T>(T value, ConfigLines lines) {}

    private static final ObjectMapper MAPPER = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "wa: 1/1" and "wa: [1/1]" agree
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // "epochs: 1.5" is a mistake to report, not 1 epoch
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // YAML keys are snake_case, record components camelCase
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private YamlBinder() {}

    static <T> Bound<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), 0, null, "no such config file");
        }
        ConfigLines lines = YamlScan.scan(file, MAPPER.getFactory());
        try {
            return new Bound<>(MAPPER.readValue(file.toFile(), type), lines);
        } catch (JsonMappingException e) {
            throw BindingErrors.toConfigException(e, lines);
        } catch (StreamReadException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file.toString(), line, null, e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, null, "unreadable: " + e.getMessage());
        }
    }
}
