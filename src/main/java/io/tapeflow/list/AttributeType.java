package io.tapeflow.list;

/** How a list attribute's filter values are parsed and which operators make sense for it. */
public enum AttributeType {
    TEXT, INTEGER, BOOLEAN, INSTANT, ENUM;

    boolean supportsLike() {
        return this == TEXT || this == ENUM;
    }

    boolean supportsOrdering() {
        return this != BOOLEAN;
    }
}
