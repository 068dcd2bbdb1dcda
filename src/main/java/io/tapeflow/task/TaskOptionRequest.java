package io.tapeflow.task;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** An option as a client writes it: {@code {"type": "file_checksum", "value": "sha256"}}. */
@Serdeable
public record TaskOptionRequest(TaskOptionType type, String value) {

    static TaskOptionRequest read(JsonNode node, boolean complete, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, Set.of("type", "value"), Set.of("id"), errors);
        TaskOptionType type = body.enumeration("type", TaskOptionType.class);
        if (complete && type == null && !errors.has("type")) {
            errors.add("type", "blank", "type can't be blank");
        }
        String value = scalar(node.get("value"));
        if (value == null && node.get("value") != null && !node.get("value").isNull()) {
            errors.add("value", "invalid", "value must be a string, number or boolean");
        } else if (value == null) {
            errors.add("value", "blank", "value can't be blank");
        }
        return new TaskOptionRequest(type, value);
    }

    /**
     * The inline form on a task, {@code "options": {"file_checksum": "sha256", "parallel_processing": 4}}.
     * Values are checked and normalised; errors land on {@code options.<type>}.
     */
    static Map<TaskOptionType, String> readInline(JsonNode node, FieldErrors errors) {
        Map<TaskOptionType, String> options = new LinkedHashMap<>();
        if (!node.isObject()) {
            errors.add("options", "invalid", "options must be an object of type: value");
            return options;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            TaskOptionType type = typeOf(entry.getKey(), "options." + entry.getKey(), errors);
            String value = scalar(entry.getValue());
            if (type != null) {
                normalize(type, value, "options." + entry.getKey(), errors).ifPresent(v -> options.put(type, v));
            }
        }
        return options;
    }

    static TaskOptionType typeOf(String name, String field, FieldErrors errors) {
        for (TaskOptionType type : TaskOptionType.values()) {
            if (type.name().equals(name)) {
                if (!type.isSupported()) {
                    errors.add(field, "inclusion", name, "option " + name + " is not supported by Tapeflow; supported: "
                            + TaskOptionType.supportedList());
                    return null;
                }
                return type;
            }
        }
        errors.add(field, "inclusion", name, name + " is not an option type; supported: " + TaskOptionType.supportedList());
        return null;
    }

    static java.util.Optional<String> normalize(TaskOptionType type, String value, String field, FieldErrors errors) {
        if (!type.isSupported()) {
            errors.add(field, "inclusion", type.name(), "option " + type.name() + " is not supported by Tapeflow; supported: "
                    + TaskOptionType.supportedList());
            return java.util.Optional.empty();
        }
        if (value == null) {
            errors.add(field, "blank", field + " needs a value");
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(type.normalize(value));
        } catch (IllegalArgumentException e) {
            errors.add(field, "invalid", value, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static String scalar(JsonNode value) {
        if (value == null || value.isNull() || value.isArray() || value.isObject()) {
            return null;
        }
        return value.isString() ? value.getStringValue() : value.isBoolean() ? String.valueOf(value.getBooleanValue())
                : value.getNumberValue().toString();
    }
}
