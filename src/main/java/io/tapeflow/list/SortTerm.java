package io.tapeflow.list;


import java.util.List;
import java.util.stream.Collectors;

/** One key of an ORDER BY. */
public record SortTerm(Attribute attribute, boolean descending) {

    /** Identifies an order, so that a cursor made for one order is refused under another. */
    static String signature(List<SortTerm> sort) {
        return sort.stream().map(SortTerm::toString).collect(Collectors.joining("|"));
    }

    @Override
    public String toString() {
        return attribute.name() + (descending ? ":desc" : ":asc");
    }
}
