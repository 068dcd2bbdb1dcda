package io.tapeflow.container;

import io.tapeflow.api.FieldErrors;
import io.tapeflow.list.ListQueryParser;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of a directory listing: which directory ({@code path}, container-relative, default the
 * root) and which page ({@code limit}, {@code offset}, with the bounds of every list).
 */
record FileListQuery(String path, int limit, long offset) {

    private static final Set<String> PARAMETERS = Set.of("path", "limit", "offset");

    /** Reads the query parameters, reporting every mistake in one 422. */
    static FileListQuery parse(Map<String, List<String>> parameters) {
        FieldErrors errors = new FieldErrors();
        parameters.keySet().stream().filter(name -> !PARAMETERS.contains(name)).sorted().forEach(name ->
                errors.add(name, "invalid", name + " is not a parameter of a file list: use path, limit and offset"));
        String path = first(parameters, "path");
        long limit = bounded(first(parameters, "limit"), "limit", ListQueryParser.DEFAULT_LIMIT, ListQueryParser.MAX_LIMIT, errors);
        long offset = bounded(first(parameters, "offset"), "offset", 0, Long.MAX_VALUE, errors);
        errors.throwIfAny();
        return new FileListQuery(path == null || path.isEmpty() ? "/" : path, (int) limit, offset);
    }

    // Same bounds and error kinds as ListQueryParser, whose version is private to list queries.
    private static long bounded(String raw, String name, long fallback, long max, FieldErrors errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0) {
                errors.add(name, "greater_than_or_equal_to", 0, name + " must be greater than or equal to 0");
            } else if (value > max) {
                errors.add(name, "less_than_or_equal_to", max, name + " must be less than or equal to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(name, "not_a_number", raw, name + " must be an integer, not '" + raw + "'");
            return fallback;
        }
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
