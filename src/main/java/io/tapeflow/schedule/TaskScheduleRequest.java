package io.tapeflow.schedule;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.util.Set;

/**
 * A schedule as a client writes it: {@code rrule} (DTSTART and RRULE lines) or {@code cron} (Unix,
 * five fields, read in {@code time_zone}, UTC by default), and {@code catch_up}. Null means "not sent".
 */
@Serdeable
public record TaskScheduleRequest(String rrule, String cron, String timeZone, Boolean catchUp) {

    private static final Set<String> WRITABLE = Set.of("rrule", "cron", "time_zone", "catch_up");
    private static final Set<String> READ_ONLY = Set.of("id", "task_id", "done", "next", "missed_count", "skipped_count",
            "missed_first", "missed_last", "creation_date", "modification_date", "creation_username", "modification_username");

    static TaskScheduleRequest read(JsonNode node, boolean complete, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        String rrule = body.text("rrule", 2000, false);
        String cron = body.text("cron", 255, false);
        String timeZone = body.text("time_zone", 64, false);
        Boolean catchUp = body.bool("catch_up");
        if (rrule != null && cron != null) {
            errors.add("cron", "invalid", "give either rrule or cron, not both");
        } else if (complete && rrule == null && cron == null && !errors.has("rrule") && !errors.has("cron")) {
            errors.add("rrule", "blank", "rrule or cron can't be blank");
        }
        return new TaskScheduleRequest(blankToNull(rrule), blankToNull(cron), blankToNull(timeZone), catchUp);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
