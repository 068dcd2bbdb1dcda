package io.tapeflow.list;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with its bound parameters, in order. SQL text only ever comes from whitelists. */
public record SqlFragment(String sql, List<Object> parameters) {

    public static final SqlFragment TRUE = new SqlFragment("1=1", List.of());

    public static SqlFragment of(String sql, Object... parameters) {
        return new SqlFragment(sql, List.of(parameters));
    }

    /** This AND other, each side parenthesised. */
    public SqlFragment and(SqlFragment other) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(other.parameters);
        return new SqlFragment("(" + sql + ") AND (" + other.sql + ")", all);
    }
}
