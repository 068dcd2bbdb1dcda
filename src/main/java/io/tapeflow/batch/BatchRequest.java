package io.tapeflow.batch;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tasks a batch acts on: {@code {"ids": [12, "nightly", ...]}}, numeric ids or names, 1 to
 * {@value #MAX_IDS} of them. An id listed twice is acted on once.
 */
@Serdeable
public record BatchRequest(
        @Schema(description = "ids (numbers or numeric strings) or names of tasks; 1 to 1000, each acted on once") List<String> ids) {

    public static final int MAX_IDS = 1000;

    /** @throws io.tapeflow.api.ApiException 422 when ids is missing, empty, too long or holds something else than ids and names */
    static BatchRequest read(JsonNode node) {
        FieldErrors errors = new FieldErrors();
        List<JsonNode> elements = JsonBody.of(node, Set.of("ids"), Set.of(), errors).array("ids");
        if (elements == null) {
            if (!errors.has("ids")) {
                errors.add("ids", "blank", "ids can't be blank: list the ids or names of the tasks");
            }
        } else if (elements.isEmpty()) {
            errors.add("ids", "blank", "ids can't be empty: list the ids or names of the tasks");
        } else if (elements.size() > MAX_IDS) {
            errors.add("ids", "too_long", MAX_IDS, "ids holds " + elements.size() + " entries; at most " + MAX_IDS + " per request");
        }
        errors.throwIfAny();
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode element : elements) {
            String id = idOf(element);
            if (id == null) {
                errors.add("ids", "invalid", element.isString() ? element.getStringValue() : null,
                        "each of ids must be a task's numeric id or its name");
            } else {
                ids.add(id);
            }
        }
        errors.throwIfAny();
        return new BatchRequest(List.copyOf(ids));
    }

    private static String idOf(JsonNode element) {
        if (element.isString() && !element.getStringValue().isBlank()) {
            return element.getStringValue().trim();
        }
        if (element.isNumber()) {
            double value = element.getNumberValue().doubleValue();
            if (value >= 0 && value == Math.rint(value) && value < Long.MAX_VALUE) {
                return Long.toString(element.getNumberValue().longValue());
            }
        }
        return null;
    }
}
