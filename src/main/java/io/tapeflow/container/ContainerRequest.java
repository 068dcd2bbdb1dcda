package io.tapeflow.container;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The fields of a container an admin writes; null means "not sent" (an update keeps the current value).
 * {@code path} must be an existing absolute directory the service can read; it is stored as its real
 * path. {@code quota_total_size} is in bytes, 0 for no quota; {@code type} defaults to local.
 * Read-only fields that clients send back (id, statistics, dates) are accepted and ignored.
 */
@Serdeable
public record ContainerRequest(String name, String comment, ContainerType type, String path, Long quotaTotalSize) {

    private static final Set<String> WRITABLE = Set.of("name", "comment", "type", "path", "quota_total_size");
    private static final Set<String> READ_ONLY = Set.of("id", "stat_total_files", "stat_total_size", "last_update",
            "creation_date", "modification_date", "creation_username", "modification_username");

    /**
     * @param complete whether this creates a container, so that required fields must be present
     */
    static ContainerRequest read(JsonNode node, boolean complete, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        // A required field sent on update must not be blank; sent as null it is as good as absent.
        String name = body.text("name", 255, complete || body.has("name"));
        if (name != null && name.contains("/")) {
            errors.add("name", "invalid", "name must not contain /: it names the container in URLs");
        }
        String comment = body.text("comment", 4000, false);
        ContainerType type = body.enumeration("type", ContainerType.class);
        String path = body.text("path", 4096, complete || body.has("path"));
        if (path != null) {
            path = RootDirectory.validate(path, errors);
        }
        return new ContainerRequest(name, comment, type, path, bytes(node, "quota_total_size", errors));
    }

    /** A byte count: a non-negative integer that may exceed an int (JsonBody.integer stops at int). */
    private static Long bytes(JsonNode node, String field, FieldErrors errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal number = value.isNumber() ? new BigDecimal(value.getNumberValue().toString()) : null;
        if (number == null || number.stripTrailingZeros().scale() > 0) {
            errors.add(field, "not_an_integer", field + " must be an integer");
            return null;
        }
        if (number.signum() < 0) {
            errors.add(field, "greater_than_or_equal_to", 0, field + " must be greater than or equal to 0");
            return null;
        }
        if (number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            errors.add(field, "less_than_or_equal_to", Long.MAX_VALUE, field + " must be less than or equal to " + Long.MAX_VALUE);
            return null;
        }
        return number.longValueExact();
    }
}
