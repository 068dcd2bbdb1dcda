package io.tapeflow.list;

/** The filter operators of the API, written as a prefix of the value: {@code priority=>=5}. */
public enum Operator {
    // Longest prefixes first so that "!><" is not read as "!=" or "><" as ">".
    NOT_IN("!><", "NOT IN"),
    IN("><", "IN"),
    NOT_LIKE("!~", "NOT LIKE"),
    LIKE("~", "LIKE"),
    NOT_EQUAL("!=", "<>"),
    GREATER_OR_EQUAL(">=", ">="),
    LESS_OR_EQUAL("<=", "<="),
    GREATER(">", ">"),
    LESS("<", "<"),
    EQUAL("=", "=");

    private final String prefix;
    private final String sql;

    Operator(String prefix, String sql) {
        this.prefix = prefix;
        this.sql = sql;
    }

    String prefix() {
        return prefix;
    }

    String sql() {
        return sql;
    }

    boolean takesList() {
        return this == IN || this == NOT_IN;
    }

    boolean isLike() {
        return this == LIKE || this == NOT_LIKE;
    }

    boolean isOrdering() {
        return this == GREATER || this == GREATER_OR_EQUAL || this == LESS || this == LESS_OR_EQUAL;
    }

    /** The operator a raw value starts with; {@link #EQUAL} when it has none. */
    static Operator of(String raw) {
        for (Operator op : values()) {
            if (raw.startsWith(op.prefix)) {
                return op;
            }
        }
        return EQUAL;
    }

    /** The raw value without this operator's prefix. */
    String operand(String raw) {
        return raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
    }
}
