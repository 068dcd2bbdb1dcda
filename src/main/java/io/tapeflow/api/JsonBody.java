package io.tapeflow.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON request body field by field, so that every mistake is reported with the field's name
 * and an error kind ({@code blank}, {@code invalid}, {@code inclusion}, ...) rather than as a parser
 * message. Unknown fields are errors; read-only fields are accepted and ignored, because generated
 * clients send back whole objects they have read.
 */
public final class JsonBody {

    private final JsonNode node;
    private final FieldErrors errors;

    private JsonBody(JsonNode node, FieldErrors errors) {
        this.node = node;
        this.errors = errors;
    }

    /**
     * @param writable the fields the request may set
     * @param readOnly the fields a client may send back but that are ignored
     */
    public static JsonBody of(JsonNode node, Set<String> writable, Set<String> readOnly, FieldErrors errors) {
        if (node == null || !node.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiError.of("the request body must be a JSON object"));
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String field = entry.getKey();
            if (!writable.contains(field) && !readOnly.contains(field)) {
                errors.add(field, "invalid", field + " is not a known attribute");
            }
        }
        return new JsonBody(node, errors);
    }

    /** Whether the body carries the field with a non-null value. */
    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A string, trimmed; null when absent; an error when blank and required or longer than {@code maxLength}. */
    public String text(String field, int maxLength, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(field, "blank", field + " can't be blank");
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(field, "invalid", field + " must be a string");
            return null;
        }
        String text = value.getStringValue().trim();
        if (required && text.isEmpty()) {
            errors.add(field, "blank", field + " can't be blank");
            return null;
        }
        if (text.length() > maxLength) {
            errors.add(field, "too_long", maxLength, field + " is too long (maximum is " + maxLength + " characters)");
            return null;
        }
        return text;
    }

    /** An integer in [min, max], or null when absent or wrong. */
    public Integer integer(String field, int min, int max) {
        Long number = wholeNumber(field, min, max);
        return number == null ? null : number.intValue();
    }

    /** A whole number in [min, max], or null when absent or wrong. */
    public Long wholeNumber(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.getNumberValue().doubleValue() != Math.rint(value.getNumberValue().doubleValue())) {
            errors.add(field, "not_an_integer", field + " must be an integer");
            return null;
        }
        long number = value.getNumberValue().longValue();
        if (number < min) {
            errors.add(field, "greater_than_or_equal_to", min, field + " must be greater than or equal to " + min);
            return null;
        }
        if (number > max) {
            errors.add(field, "less_than_or_equal_to", max, field + " must be less than or equal to " + max);
            return null;
        }
        return number;
    }

    /** A boolean; the vendor's clients also send 1 and 0. Null when absent or wrong. */
    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.getBooleanValue();
        }
        if (value.isNumber() && (value.getNumberValue().intValue() == 0 || value.getNumberValue().intValue() == 1)
                && value.getNumberValue().doubleValue() == value.getNumberValue().intValue()) {
            return value.getNumberValue().intValue() == 1;
        }
        errors.add(field, "invalid", field + " must be true or false");
        return null;
    }

    /** One of the enum's constants by exact name, or null when absent or not one of them. */
    public <E extends Enum<E>> E enumeration(String field, Class<E> type) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.getStringValue())) {
                    return constant;
                }
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        errors.add(field, "inclusion", value.isString() ? value.getStringValue() : null,
                field + " must be one of " + String.join(", ", allowed));
        return null;
    }

    /** An ISO-8601 date-time with offset, or null when absent or malformed. */
    public Instant instant(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isString()) {
                return OffsetDateTime.parse(value.getStringValue()).toInstant();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(field, "invalid", field + " must be an ISO-8601 date-time with offset, e.g. 2026-01-31T12:00:00Z");
        return null;
    }

    /** The array's elements, or null when absent; an error when the value is not an array. */
    public List<JsonNode> array(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            errors.add(field, "invalid", field + " must be an array");
            return null;
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.values().forEach(elements::add);
        return elements;
    }
}
