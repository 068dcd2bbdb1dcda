package io.tapeflow.api;

import java.util.OptionalLong;

/** Reads the {@code {x_id}} of a path, which may be a numeric id or (for some resources) a name. */
public final class PathIds {

    private PathIds() {
    }

    /** The id when the text is a whole number that fits a BIGINT; empty for a name or anything else. */
    public static OptionalLong numeric(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }
}
