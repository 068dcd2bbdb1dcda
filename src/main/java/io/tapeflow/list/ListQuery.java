package io.tapeflow.list;

import java.util.List;

/**
 * A validated list request: filters, sort (always ending with the id), and a page given either by
 * {@code offset} or by a keyset {@code cursor}; {@code all} asks for other users' rows too.
 */
public record ListQuery(List<Filter> filters, List<SortTerm> sort, int limit, long offset, Cursor cursor,
                        boolean all) {

    /** The scope AND every filter, as one bound condition (for queries that aggregate rather than page). */
    public SqlFragment where(SqlFragment scope) {
        return ListSql.where(this, scope);
    }
}
