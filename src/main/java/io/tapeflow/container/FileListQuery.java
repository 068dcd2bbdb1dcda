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
        String path = ListQueryParser.first(parameters, "path");
        long limit = ListQueryParser.parseBounded(ListQueryParser.first(parameters, "limit"), "limit", ListQueryParser.DEFAULT_LIMIT, ListQueryParser.MAX_LIMIT, errors);
        long offset = ListQueryParser.parseBounded(ListQueryParser.first(parameters, "offset"), "offset", 0, Long.MAX_VALUE, errors);
        errors.throwIfAny();
        return new FileListQuery(path == null || path.isEmpty() ? "/" : path, (int) limit, offset);
    }
}
