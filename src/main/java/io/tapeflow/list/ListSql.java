package io.tapeflow.list;

import io.tapeflow.persistence.PathKey;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link ListQuery} as SQL: filters as bound conditions, the sort as ORDER BY, and a cursor
 * as a keyset condition ("rows after the last one seen"). NULLs sort low (first ascending), as in
 * MariaDB; the H2 URL sets DEFAULT_NULL_ORDERING=LOW to match.
 */
final class ListSql {

    private ListSql() {
    }

    static SqlFragment where(ListQuery query, SqlFragment scope) {
        SqlFragment where = scope;
        for (Filter filter : query.filters()) {
            where = where.and(condition(filter));
        }
        return where;
    }

    static SqlFragment count(ListSchema schema, SqlFragment where) {
        return new SqlFragment("SELECT COUNT(*) FROM " + schema.from() + " WHERE " + where.sql(), where.parameters());
    }

    /** Selects the page plus one row, so the caller knows whether more follow. */
    static SqlFragment page(ListSchema schema, String select, ListQuery query, SqlFragment where) {
        if (query.cursor() != null) {
            where = where.and(after(query.sort(), query.cursor().values()));
        }
        List<SortTerm> sort = query.sort();
        StringBuilder sql = new StringBuilder("SELECT ").append(select);
        for (int i = 0; i < sort.size(); i++) {
            sql.append(", ").append(sort.get(i).attribute().column()).append(" AS ").append(sortKeyAlias(i));
        }
        sql.append(" FROM ").append(schema.from()).append(" WHERE ").append(where.sql())
                .append(" ORDER BY ").append(sort.stream()
                        .map(t -> t.attribute().column() + (t.descending() ? " DESC" : " ASC"))
                        .collect(Collectors.joining(", ")))
                .append(" LIMIT ? OFFSET ?");
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add((long) query.limit() + 1);
        parameters.add(query.offset());
        return new SqlFragment(sql.toString(), parameters);
    }

    static String sortKeyAlias(int index) {
        return "sort_key_" + index;
    }

    private static SqlFragment condition(Filter filter) {
        Attribute attribute = filter.attribute();
        if (attribute.isRelated()) {
            Operator operator = filter.operator();
            Operator positive = switch (operator) {
                case NOT_EQUAL -> Operator.EQUAL;
                case NOT_IN -> Operator.IN;
                case NOT_LIKE -> Operator.LIKE;
                default -> operator;
            };
            SqlFragment inner = plainCondition(new Filter(attribute, positive, filter.values()));
            String exists = "EXISTS (" + attribute.relatedRows().formatted(inner.sql()) + ")";
            return new SqlFragment(positive == operator ? exists : "NOT " + exists, inner.parameters());
        }
        return plainCondition(filter);
    }

    private static SqlFragment plainCondition(Filter filter) {
        String column = filter.attribute().column();
        List<Object> values = filter.values();
        if (filter.attribute().keyColumn() != null) {
            SqlFragment keyed = keyedCondition(filter);
            if (keyed != null) {
                return keyed;
            }
        }
        return switch (filter.operator()) {
            case IN -> new SqlFragment(column + " IN (" + placeholders(values.size()) + ")", values);
            // "not equal" keeps rows where the attribute is unset: a task without comment is not "x".
            case NOT_IN -> new SqlFragment("(" + column + " NOT IN (" + placeholders(values.size()) + ") OR "
                    + column + " IS NULL)", values);
            case NOT_EQUAL, NOT_LIKE -> new SqlFragment("(" + column + " " + filter.operator().sql() + " ? OR "
                    + column + " IS NULL)", values);
            default -> new SqlFragment(column + " " + filter.operator().sql() + " ?", values);
        };
    }

    /** Equality, IN and LIKE narrowed on the attribute's key index first; null for the other operators. */
    private static SqlFragment keyedCondition(Filter filter) {
        String column = filter.attribute().column();
        String key = filter.attribute().keyColumn();
        List<Object> parameters = new ArrayList<>();
        List<String> disjuncts = new ArrayList<>();
        for (Object value : filter.values()) {
            String text = (String) value;
            String keyPattern = filter.operator() == Operator.LIKE ? PathKey.forPattern(text) : PathKey.of(text);
            if (keyPattern == null) {
                return null;
            }
            disjuncts.add("(" + key + " LIKE ? AND " + column + " " + (filter.operator() == Operator.LIKE ? "LIKE" : "=") + " ?)");
            parameters.add(keyPattern);
            parameters.add(text);
        }
        return switch (filter.operator()) {
            case EQUAL, IN, LIKE -> new SqlFragment("(" + String.join(" OR ", disjuncts) + ")", parameters);
            default -> null;
        };
    }

    /** (k1 after v1) OR (k1 = v1 AND k2 after v2) OR ... for the sort keys of the last row seen. */
    private static SqlFragment after(List<SortTerm> sort, List<Object> last) {
        List<String> disjuncts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            SortTerm term = sort.get(i);
            String column = term.attribute().column();
            Object value = last.get(i);
            String strictlyAfter;
            if (value == null) {
                // Nothing sorts after NULL when descending: NULLs come last.
                strictlyAfter = term.descending() ? null : column + " IS NOT NULL";
            } else {
                strictlyAfter = term.descending() ? "(" + column + " < ? OR " + column + " IS NULL)" : column + " > ?";
            }
            if (strictlyAfter != null) {
                StringBuilder conjunct = new StringBuilder("(");
                List<Object> conjunctParameters = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    String previous = sort.get(j).attribute().column();
                    Object previousValue = last.get(j);
                    conjunct.append(previous).append(previousValue == null ? " IS NULL" : " = ?").append(" AND ");
                    if (previousValue != null) {
                        conjunctParameters.add(previousValue);
                    }
                }
                conjunct.append(strictlyAfter).append(')');
                if (value != null) {
                    conjunctParameters.add(value);
                }
                disjuncts.add(conjunct.toString());
                parameters.addAll(conjunctParameters);
            }
        }
        return disjuncts.isEmpty() ? SqlFragment.of("1=0") : new SqlFragment(String.join(" OR ", disjuncts), parameters);
    }

    private static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
