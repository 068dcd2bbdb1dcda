package io.tapeflow.list;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whitelist of one listed resource: which attributes a client may filter and sort on.
 *
 * @param plural     the key of the rows in the list body, e.g. {@code tasks}
 * @param from       the SQL FROM clause, e.g. {@code task t}
 * @param id         the unique, non-null attribute that breaks ties in every sort
 * @param attributes the attributes by public name
 */
public record ListSchema(String plural, String from, Attribute id, Map<String, Attribute> attributes) {

    public static ListSchema of(String plural, String from, List<Attribute> attributes) {
        Map<String, Attribute> byName = new LinkedHashMap<>();
        attributes.forEach(a -> byName.put(a.name(), a));
        Attribute id = byName.get("id");
        if (id == null) {
            throw new IllegalArgumentException(plural + " needs an id attribute");
        }
        return new ListSchema(plural, from, id, Map.copyOf(byName));
    }
}
