package io.tapeflow.schedule;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.api.ApiException;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;

import java.util.Set;

/** Every schedule the caller may see, across tasks. */
@Controller("/api/v2/task_schedules")
@Secured({Roles.ADMIN, Roles.USER})
@Tag(name = "task_schedules")
public class TaskScheduleListController {

    private static final String WITH_NEXT = "with_next";

    private final TaskScheduleService schedules;

    public TaskScheduleListController(TaskScheduleService schedules) {
        this.schedules = schedules;
    }

    /**
     * Lists the schedules of the caller's tasks, or of everyone's with {@code all=true} (admins only);
     * {@code next} is filled in with {@code with_next=true}. Every attribute is a filter (operators as
     * on the tasks list), {@code sort_by}, {@code limit}/{@code offset} or {@code cursor}.
     */
    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "task_schedules/index")
    public TaskScheduleList listTaskSchedules(HttpRequest<?> request,
            @Nullable @QueryValue(WITH_NEXT) @Schema(type = "boolean", description = "show each schedule's next firing") String withNextParameter,
            Authentication authentication) {
        boolean withNext = withNext(withNextParameter);
        return TaskScheduleList.of(schedules.list(ListQueryParser.parse(TaskScheduleService.SCHEMA,
                request.getParameters().asMap(), Set.of(WITH_NEXT)), Caller.of(authentication))
                .map(schedule -> TaskScheduleView.of(schedule, withNext)));
    }

    private static boolean withNext(String raw) {
        if (raw == null) {
            return false;
        }
        return switch (raw.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalid(WITH_NEXT, "invalid", "with_next must be true or false, not '" + raw + "'");
        };
    }
}
