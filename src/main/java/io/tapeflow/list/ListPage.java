package io.tapeflow.list;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param count      how many rows match the filters in all
 * @param rows       this page's rows
 * @param nextCursor where the next page starts, or null on the last page
 */
public record ListPage<T>(long count, List<T> rows, String nextCursor) {

    public <R> ListPage<R> map(Function<T, R> mapper) {
        return new ListPage<>(count, rows.stream().map(mapper).toList(), nextCursor);
    }
}
