package io.tapeflow.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Gives the errors Micronaut raises itself (malformed JSON, unknown route, oversized body, missing
 * credentials, ...) the same {@link ApiError} shape as ours, without internal details.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        List<String> messages = context.getErrors().stream().map(Error::getMessage).toList();
        if (messages.isEmpty() || response.status() == HttpStatus.INTERNAL_SERVER_ERROR
                || response.status() == HttpStatus.UNAUTHORIZED || response.status() == HttpStatus.FORBIDDEN) {
            messages = List.of(defaultMessage(response.status()));
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(messages, Map.of()));
    }

    private static String defaultMessage(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> "authentication required: use Basic credentials or a Bearer API key";
            case FORBIDDEN -> "not allowed for this user or API key";
            case NOT_FOUND -> "not found";
            case INTERNAL_SERVER_ERROR -> "internal error; the server log has the details";
            default -> status.getReason();
        };
    }
}
