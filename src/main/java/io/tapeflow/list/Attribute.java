package io.tapeflow.list;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * One filterable, sortable attribute of a listed resource: its public name, the SQL column it maps to
 * (from a whitelist, never from the request) and its type.
 *
 * @param name    the query parameter and sort key, e.g. {@code creation_date}
 * @param column  the SQL expression, e.g. {@code t.creation_date}
 * @param type    how values are parsed
 * @param allowed the allowed values of an {@link AttributeType#ENUM}, empty otherwise
 * @param relatedRows for an attribute of related rows (a task's sources, say): the SQL selecting them,
 *                    with {@code %s} where the condition on {@code column} goes; matched with EXISTS,
 *                    and not sortable. Null for a plain column.
 * @param keyColumn   an indexed column holding the first characters of {@code column} (see PathKey), which
 *                    equality and LIKE filters narrow on first; null when none
 */
public record Attribute(String name, String column, AttributeType type, List<String> allowed, String relatedRows, String keyColumn) {

    public static Attribute text(String name, String column) {
        return new Attribute(name, column, AttributeType.TEXT, List.of(), null, null);
    }

    public static Attribute integer(String name, String column) {
        return new Attribute(name, column, AttributeType.INTEGER, List.of(), null, null);
    }

    public static Attribute bool(String name, String column) {
        return new Attribute(name, column, AttributeType.BOOLEAN, List.of(), null, null);
    }

    public static Attribute instant(String name, String column) {
        return new Attribute(name, column, AttributeType.INSTANT, List.of(), null, null);
    }

    public static Attribute enumeration(String name, String column, Class<? extends Enum<?>> values) {
        return new Attribute(name, column, AttributeType.ENUM,
                Arrays.stream(values.getEnumConstants()).map(Enum::name).toList(), null, null);
    }

    /**
     * An attribute of related rows, e.g. {@code source_container_id}: a row matches when one of its
     * related rows does ({@code !=} and the other negations: when none does).
     */
    public static Attribute related(Attribute inner, String relatedRows) {
        return new Attribute(inner.name, inner.column, inner.type, inner.allowed, relatedRows, inner.keyColumn);
    }

    /** A long text column (a path) whose first characters {@code keyColumn} indexes. */
    public static Attribute prefixIndexed(Attribute inner, String keyColumn) {
        return new Attribute(inner.name, inner.column, inner.type, inner.allowed, inner.relatedRows, keyColumn);
    }

    public boolean isRelated() {
        return relatedRows != null;
    }

    /**
     * Parses one filter value into the Java type bound to the SQL parameter.
     *
     * @throws IllegalArgumentException with a message fit for the client
     */
    Object parse(String raw) {
        return switch (type) {
            case TEXT -> raw;
            case INTEGER -> parseLong(raw);
            case BOOLEAN -> parseBoolean(raw);
            case INSTANT -> parseInstant(raw);
            case ENUM -> {
                if (!allowed.contains(raw)) {
                    throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed));
                }
                yield raw;
            }
        };
    }

    private long parseLong(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + raw + "'");
        }
    }

    private boolean parseBoolean(String raw) {
        return switch (raw.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + raw + "'");
        };
    }

    private Instant parseInstant(String raw) {
        String value = raw.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 date or date-time, not '" + raw + "'");
        }
    }
}
