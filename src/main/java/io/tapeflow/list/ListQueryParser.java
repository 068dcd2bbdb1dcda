package io.tapeflow.list;

import io.tapeflow.api.FieldErrors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the query parameters of a list request into a {@link ListQuery}, checked against a
 * {@link ListSchema}. Every mistake (unknown attribute, operator the attribute does not support,
 * malformed value, limit out of range) is collected and reported as one 422.
 */
public final class ListQueryParser {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    /** Parameters that steer the list itself rather than filter it. */
    public static final Set<String> PAGING_PARAMETERS = Set.of("limit", "offset", "sort_by", "cursor", "all");

    private ListQueryParser() {
    }

    /**
     * @param parameters every query parameter of the request, repeated ones with all their values
     * @param ignored    further parameters the endpoint handles itself
     */
    public static ListQuery parse(ListSchema schema, Map<String, List<String>> parameters, Set<String> ignored) {
        FieldErrors errors = new FieldErrors();
        List<Filter> filters = new ArrayList<>();
        parameters.forEach((name, values) -> {
            if (PAGING_PARAMETERS.contains(name) || ignored.contains(name)) {
                return;
            }
            Attribute attribute = schema.attributes().get(name);
            if (attribute == null) {
                errors.add(name, "invalid", name + " is not an attribute of " + schema.plural() + " that can be filtered");
                return;
            }
            values.forEach(raw -> parseFilter(attribute, raw, errors).ifPresent(filters::add));
        });
        List<SortTerm> sort = parseSort(schema, first(parameters, "sort_by"), errors);
        int limit = (int) parseBounded(first(parameters, "limit"), "limit", DEFAULT_LIMIT, MAX_LIMIT, errors);
        long offset = parseBounded(first(parameters, "offset"), "offset", 0, Long.MAX_VALUE, errors);
        Cursor cursor = parseCursor(first(parameters, "cursor"), sort, errors);
        if (cursor != null && offset > 0) {
            errors.add("cursor", "invalid", "cursor and offset cannot be combined");
        }
        boolean all = parseFlag(first(parameters, "all"), "all", false, errors);
        errors.throwIfAny();
        return new ListQuery(List.copyOf(filters), sort, limit, offset, cursor, all);
    }

    private static Optional<Filter> parseFilter(Attribute attribute, String raw, FieldErrors errors) {
        Operator operator = Operator.of(raw);
        String operand = operator.operand(raw);
        String name = attribute.name();
        if (operator.isLike() && !attribute.type().supportsLike()) {
            errors.add(name, "invalid", operator.prefix(), name + " does not support the pattern operator " + operator.prefix());
            return Optional.empty();
        }
        if (operator.isOrdering() && !attribute.type().supportsOrdering()) {
            errors.add(name, "invalid", operator.prefix(), name + " does not support the operator " + operator.prefix());
            return Optional.empty();
        }
        List<String> operands = operator.takesList() ? Arrays.asList(operand.split("\\|", -1)) : List.of(operand);
        List<Object> values = new ArrayList<>(operands.size());
        for (String value : operands) {
            try {
                values.add(operator.isLike() ? value : attribute.parse(value));
            } catch (IllegalArgumentException e) {
                errors.add(name, attribute.type() == AttributeType.ENUM ? "inclusion" : "invalid", value, e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(new Filter(attribute, operator, List.copyOf(values)));
    }

    private static List<SortTerm> parseSort(ListSchema schema, String sortBy, FieldErrors errors) {
        List<SortTerm> terms = new ArrayList<>();
        if (sortBy != null && !sortBy.isBlank()) {
            for (String term : sortBy.split("[|,]")) {
                String[] parts = term.trim().split(":", 2);
                Attribute attribute = schema.attributes().get(parts[0]);
                String direction = parts.length == 2 ? parts[1].toLowerCase() : "asc";
                if (attribute == null || attribute.isRelated()) {
                    errors.add("sort_by", "invalid", parts[0], parts[0] + " is not an attribute of " + schema.plural() + " that can be sorted");
                } else if (!direction.equals("asc") && !direction.equals("desc")) {
                    errors.add("sort_by", "invalid", term, "sort direction of " + parts[0] + " must be asc or desc");
                } else if (terms.stream().noneMatch(t -> t.attribute().equals(attribute))) {
                    terms.add(new SortTerm(attribute, direction.equals("desc")));
                }
            }
        }
        // The id makes the order total, which keyset paging needs. It follows the last key's direction
        // so one index (key, id) read forwards or backwards serves the whole ORDER BY without a filesort.
        if (terms.stream().noneMatch(t -> t.attribute().equals(schema.id()))) {
            terms.add(new SortTerm(schema.id(), !terms.isEmpty() && terms.get(terms.size() - 1).descending()));
        }
        return List.copyOf(terms);
    }

    /** A non-negative whole number parameter up to {@code max}; errors are collected, the fallback returned. */
    public static long parseBounded(String raw, String name, long fallback, long max, FieldErrors errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 0) {
                errors.add(name, "greater_than_or_equal_to", 0, name + " must be greater than or equal to 0");
            } else if (value > max) {
                errors.add(name, "less_than_or_equal_to", max, name + " must be less than or equal to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(name, "not_a_number", raw, name + " must be an integer, not '" + raw + "'");
            return fallback;
        }
    }

    private static Cursor parseCursor(String raw, List<SortTerm> sort, FieldErrors errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Cursor cursor = Cursor.decode(raw.trim());
            if (!cursor.sortSignature().equals(SortTerm.signature(sort)) || cursor.values().size() != sort.size()) {
                errors.add("cursor", "invalid", "cursor was made for another sort_by; start again without cursor");
                return null;
            }
            for (int i = 0; i < sort.size(); i++) {
                if (!isKeyOf(sort.get(i).attribute().type(), cursor.values().get(i))) {
                    // Only a forged cursor gets here; its value would reach SQL compared with a column of another type.
                    throw new IllegalArgumentException("cursor is not valid: pass the next_cursor of a previous page");
                }
            }
            return cursor;
        } catch (IllegalArgumentException e) {
            errors.add("cursor", "invalid", e.getMessage());
            return null;
        }
    }

    /** Whether a cursor value has the Java type {@link ListExecutor} reads for a sort key of this type. */
    private static boolean isKeyOf(AttributeType type, Object value) {
        return value == null || switch (type) {
            case TEXT, ENUM -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case BOOLEAN -> value instanceof Boolean;
            case INSTANT -> value instanceof Instant;
        };
    }

    /** A true/false (or 1/0) parameter; errors are collected, the fallback returned when it is absent or wrong. */
    public static boolean parseFlag(String raw, String name, boolean fallback, FieldErrors errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return (Boolean) Attribute.bool(name, "").parse(raw);
        } catch (IllegalArgumentException e) {
            errors.add(name, "invalid", raw, e.getMessage());
            return fallback;
        }
    }

    /** The first value of a query parameter, or null. */
    public static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
