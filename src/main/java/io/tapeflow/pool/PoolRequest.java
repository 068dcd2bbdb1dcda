package io.tapeflow.pool;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a pool an admin writes; null means "not sent". {@code tape_ids} (a tape pool) or
 * {@code container_ids} (a nas pool), when sent, are the pool's whole membership.
 */
@Serdeable
public record PoolRequest(String name, String comment, PoolType type, PoolContent content, List<Long> tapeIds,
                          List<Long> containerIds) {

    private static final Set<String> WRITABLE = Set.of("name", "comment", "type", "content", "tape_ids", "container_ids");
    private static final Set<String> READ_ONLY = Set.of("id");

    static PoolRequest read(JsonNode node, boolean create, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        String name = body.text("name", 255, create || body.has("name"));
        if (name != null && name.contains("/")) {
            errors.add("name", "invalid", "name must not contain /: it names the pool in URLs");
        }
        PoolType type = body.enumeration("type", PoolType.class);
        if (create && type == null && !errors.has("type")) {
            errors.add("type", "blank", "type can't be blank");
        }
        return new PoolRequest(name, body.text("comment", 4000, false), type,
                body.enumeration("content", PoolContent.class), ids(body, "tape_ids", errors), ids(body, "container_ids", errors));
    }

    /** Distinct positive ids in the order sent, or null when not sent. */
    private static List<Long> ids(JsonBody body, String field, FieldErrors errors) {
        List<JsonNode> elements = body.array(field);
        if (elements == null) {
            return null;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode element : elements) {
            if (!element.isNumber() || element.getNumberValue().doubleValue() != Math.rint(element.getNumberValue().doubleValue())
                    || element.getNumberValue().longValue() < 1) {
                errors.add(field, "invalid", field + " must be a list of ids");
                return null;
            }
            ids.add(element.getNumberValue().longValue());
        }
        return new ArrayList<>(ids);
    }
}
