package io.tapeflow.audit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an audit row says about a resource: its fields as plain JSON values under their snake_case
 * names (records and maps, nested ones too), with every secret masked. A field is secret when its
 * name says password, secret, token or hash; an API key's last four characters count as one too.
 */
public final class AuditFields {

    static final String MASKED = "[masked]";
    private static final Pattern SECRET = Pattern.compile("password|secret|token|hash|key_last4");
    private static final Pattern WORD_START = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    /** Bookkeeping the audit row records itself (who and when). */
    private static final Set<String> NOT_A_CHANGE = Set.of("modification_date", "modification_username");
    /** The fields that still name a destroyed row. */
    private static final Set<String> IDENTITY = Set.of("id", "task_id", "name", "username", "barcode", "type");

    private AuditFields() {
    }

    /**
     * A row's fields with more of them (a task's sources, say), to log as one resource. Secrets are
     * masked when the result is logged, so that a change of one can still be seen.
     */
    public static Map<String, Object> with(Object row, Map<String, ?> more) {
        Map<String, Object> fields = entries(row);
        fields.putAll(entries(new TreeMap<>(more))); // in a stable order, whatever map was given
        return fields;
    }

    /** The fields of a created row. */
    static Map<String, Object> of(Object row) {
        return masked(entries(row));
    }

    /** The fields whose values differ, as {@code {"old", "new"}}; a secret that changed is masked on both sides. */
    static Map<String, Object> changed(Object before, Object after) {
        Map<String, Object> old = entries(before);
        Map<String, Object> changes = new LinkedHashMap<>();
        entries(after).forEach((name, value) -> {
            if (!NOT_A_CHANGE.contains(name) && !Objects.equals(old.get(name), value)) {
                boolean secret = isSecret(name);
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("old", secret ? MASKED : old.get(name));
                change.put("new", secret ? MASKED : value);
                changes.put(name, change);
            }
        });
        return changes;
    }

    /** Just enough to tell which row went: its id and name (or username, barcode...). */
    static Map<String, Object> identity(Object row) {
        Map<String, Object> fields = of(row);
        fields.keySet().retainAll(IDENTITY);
        return fields;
    }

    /** The row's own fields unmasked (a diff must see a secret change), nested rows masked. */
    private static Map<String, Object> entries(Object row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (row instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                fields.put(snakeCase(component.getName()), value(read(component, record)));
            }
        } else if (row instanceof Map<?, ?> map) {
            map.forEach((name, value) -> fields.put(String.valueOf(name), value(value)));
        } else {
            throw new IllegalArgumentException("an audited row is a record or a map, not " + row);
        }
        return fields;
    }

    /** A JSON value: null, string, number, boolean, list or map. */
    private static Object value(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Record || value instanceof Map) {
            return masked(entries(value));
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(AuditFields::value).toList();
        }
        return value.toString(); // Instants as ISO-8601
    }

    private static Map<String, Object> masked(Map<String, Object> fields) {
        fields.replaceAll((name, value) -> isSecret(name) ? MASKED : value);
        return fields;
    }

    private static boolean isSecret(String name) {
        return SECRET.matcher(name).find();
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            Method accessor = component.getAccessor();
            accessor.trySetAccessible(); // records of other packages need not be public
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    static String snakeCase(String name) {
        return WORD_START.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT);
    }
}
