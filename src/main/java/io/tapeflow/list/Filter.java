package io.tapeflow.list;

import java.util.List;

/** One parsed condition: {@code attribute operator values}. All conditions of a request are ANDed. */
public record Filter(Attribute attribute, Operator operator, List<Object> values) {
}
