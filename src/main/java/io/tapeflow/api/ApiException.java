package io.tapeflow.api;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * An error the client can act on. Thrown anywhere; rendered as {@link ApiError} by {@link ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient ApiError body;

    public ApiException(HttpStatus status, ApiError body) {
        super(String.join("; ", body.messages()));
        this.status = status;
        this.body = body;
    }

    public static ApiException notFound(String resource, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of(resource + " " + id + " not found"));
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, ApiError.of(message));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, ApiError.of(message));
    }

    public static ApiException invalid(String field, String kind, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, new ApiError(List.of(message),
                Map.of(field, List.of(new ApiError.FieldError(kind, null)))));
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return body;
    }
}
