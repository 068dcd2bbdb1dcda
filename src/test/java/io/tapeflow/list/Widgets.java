package io.tapeflow.list;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small list schema for the list package's unit tests, and a builder of query parameters. */
final class Widgets {

    enum Color { red, green, blue }

    static final Attribute ID = Attribute.integer("id", "w.id");
    static final Attribute NAME = Attribute.text("name", "w.name");
    static final Attribute PRIORITY = Attribute.integer("priority", "w.priority");
    static final Attribute ACTIVE = Attribute.bool("active", "w.active");
    static final Attribute CREATED = Attribute.instant("created", "w.created");
    static final Attribute COLOR = Attribute.enumeration("color", "w.color", Color.class);

    static final ListSchema SCHEMA = ListSchema.of("widgets", "widget w",
            List.of(ID, NAME, PRIORITY, ACTIVE, CREATED, COLOR));

    private Widgets() {
    }

    /** {@code params("a", "1", "a", "2", "b", "x")}: repeated names collect their values in order. */
    static Map<String, List<String>> params(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.computeIfAbsent(namesAndValues[i], n -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return parameters;
    }
}
