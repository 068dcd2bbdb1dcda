package io.tapeflow.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The one error body of the API: human-readable messages plus, per field, machine-readable error kinds.
 */
@Serdeable
public record ApiError(List<String> messages, Map<String, List<FieldError>> details) {

    public static ApiError of(String message) {
        return new ApiError(List.of(message), Map.of());
    }

    /** One error kind on one field, e.g. {@code {"error": "blank"}} or {@code {"error": "inclusion", "value": "x"}}. */
    @Serdeable
    public record FieldError(String error, Object value) {
    }
}
