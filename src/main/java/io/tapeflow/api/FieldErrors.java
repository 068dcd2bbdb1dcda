package io.tapeflow.api;

import io.micronaut.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every validation error of one request so the client sees them all at once, then throws a 422.
 */
public final class FieldErrors {

    private final List<String> messages = new ArrayList<>();
    private final Map<String, List<ApiError.FieldError>> details = new LinkedHashMap<>();

    public FieldErrors add(String field, String kind, String message) {
        return add(field, kind, null, message);
    }

    public FieldErrors add(String field, String kind, Object value, String message) {
        messages.add(message);
        details.computeIfAbsent(field, f -> new ArrayList<>()).add(new ApiError.FieldError(kind, value));
        return this;
    }

    /** Adds another collection's errors under a prefix, e.g. {@code sources[0].container_id}. */
    public FieldErrors nest(String prefix, FieldErrors inner) {
        messages.addAll(inner.messages.stream().map(m -> prefix + ": " + m).toList());
        inner.details.forEach((field, errors) -> details.computeIfAbsent(prefix + "." + field, f -> new ArrayList<>()).addAll(errors));
        return this;
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public boolean has(String field) {
        return details.containsKey(field);
    }

    /** Throws the collected errors as one 422, or returns when there are none. */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, new ApiError(List.copyOf(messages), Map.copyOf(details)));
        }
    }
}
