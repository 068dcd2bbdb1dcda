package io.tapeflow.task;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filters, sorts and paging of GET /api/v2/tasks over a known set of tasks. */
@MicronautTest(transactional = false)
class TaskListApiTest extends ApiTestSupport {

    private Auth owner;

    /** name, priority, workflow_action, comment (or null), activate */
    private static final Object[][] TASKS = {
            {"alpha", 1, "copy", "first", true},
            {"bravo", 5, "move", null, true},
            {"charlie", 5, "copy", "nightly run", false},
            {"delta", 7, "scan", null, true},
            {"echo", 10, "copy", "weekly", true},
            {"foxtrot", 3, "erase", "nightly purge", true},
            {"golf", 7, "copy", null, false},
            {"hotel", 9, "move", "x", true},
    };

    @BeforeAll
    void tasks() {
        owner = createUser("lister", "user");
        for (Object[] t : TASKS) {
            Map<String, Object> fields = new HashMap<>(Map.of("name", t[0], "priority", t[1], "workflow_action", t[2], "activate", t[4]));
            if (t[3] != null) {
                fields.put("comment", t[3]);
            }
            assertEquals(201, createTask(owner, fields).status());
        }
    }

    private ApiResponse list(String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return get("/api/v2/tasks" + query, owner);
    }

    private List<String> names(ApiResponse response) {
        assertEquals(200, response.status(), response.raw());
        return response.list("tasks").stream().map(t -> (String) t.get("name")).toList();
    }

    @ParameterizedTest(name = "priority{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "=5;bravo charlie",
            "5;bravo charlie",
            "!=5;alpha delta echo foxtrot golf hotel",
            ">7;echo hotel",
            ">=7;delta echo golf hotel",
            "<3;alpha",
            "<=3;alpha foxtrot",
            "><1|3|10;alpha echo foxtrot",
            "!><5|7|9|10;alpha foxtrot"})
    void eachComparisonOperatorFiltersIntegers(String filter, String expected) {
        assertEquals(List.of(expected.split(" ")), names(list("priority", filter, "sort_by", "name")));
    }

    @Test
    void likeMatchesAPattern() {
        assertEquals(List.of("charlie", "foxtrot"), names(list("comment", "~nightly%", "sort_by", "name")));
    }

    @Test
    void patternWildcardsMatchAnyAndOneCharacter() {
        assertEquals(List.of("alpha", "delta"), names(list("name", "~%a", "sort_by", "name")));
        assertEquals(List.of("golf"), names(list("name", "~g_lf")));
        assertEquals(List.of(), names(list("name", "~g_f")));
    }

    @Test
    void notLikeKeepsTasksWithoutTheAttribute() {
        assertEquals(List.of("alpha", "bravo", "delta", "echo", "golf", "hotel"),
                names(list("comment", "!~nightly%", "sort_by", "name")));
    }

    @Test
    void notEqualKeepsTasksWithoutTheAttribute() {
        assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"),
                names(list("comment", "!=x", "sort_by", "name")));
    }

    @Test
    void repeatedParametersFormARange() {
        assertEquals(List.of("bravo", "charlie", "delta", "golf"),
                names(list("priority", ">=5", "priority", "<9", "sort_by", "name")));
    }

    @Test
    void enumerationsAndBooleansFilter() {
        assertEquals(List.of("bravo", "hotel"), names(list("workflow_action", "move", "sort_by", "name")));
        assertEquals(List.of("delta", "foxtrot"), names(list("workflow_action", "><scan|erase", "sort_by", "name")));
        assertEquals(List.of("charlie", "golf"), names(list("activate", "false", "sort_by", "name")));
        assertEquals(List.of("charlie", "golf"), names(list("activate", "0", "sort_by", "name")));
        assertEquals(8, names(list("status", "not_activated")).size());
    }

    @Test
    void datesFilterWithIsoValues() {
        assertEquals(8, names(list("creation_date", ">=2020-01-01", "creation_date", "<2999-01-01T00:00:00Z")).size());
        assertEquals(0, names(list("creation_date", "<2020-01-01T00:00:00+02:00")).size());
        assertEquals(0, names(list("job_started", ">2020-01-01")).size());
    }

    @Test
    void severalKeysSortTogether() {
        assertEquals(List.of("echo", "hotel", "delta", "golf", "bravo", "charlie", "foxtrot", "alpha"),
                names(list("sort_by", "priority:desc|name")));
        assertEquals(List.of("echo", "hotel", "delta", "golf", "bravo", "charlie", "foxtrot", "alpha"),
                names(list("sort_by", "priority:desc,name:asc")));
        assertEquals(List.of("alpha", "foxtrot", "charlie", "bravo", "golf", "delta", "hotel", "echo"),
                names(list("sort_by", "priority,name:desc")));
    }

    @Test
    void countIsTheTotalMatchingAndLimitCutsThePage() {
        ApiResponse page = list("priority", ">=5", "limit", "2", "sort_by", "name");

        assertEquals(6L, ((Number) page.get("count")).longValue());
        assertEquals(List.of("bravo", "charlie"), names(page));
    }

    @Test
    void limitZeroAnswersOnlyTheCount() {
        ApiResponse page = list("limit", "0");

        assertEquals(8L, ((Number) page.get("count")).longValue());
        assertEquals(List.of(), names(page));
        assertFalse(page.body().containsKey("next_cursor"));
    }

    @Test
    void offsetPastTheEndIsAnEmptyPage() {
        ApiResponse page = list("offset", "100");

        assertEquals(8L, ((Number) page.get("count")).longValue());
        assertEquals(List.of(), names(page));
    }

    @Test
    void offsetSkipsRows() {
        assertEquals(List.of("charlie", "delta"), names(list("sort_by", "name", "offset", "2", "limit", "2")));
    }

    @Test
    void maximumLimitIsAcceptedAndAboveItIsRefused() {
        assertEquals(8, names(list("limit", "1000")).size());
        ApiResponse tooMany = list("limit", "1001");
        assertEquals(422, tooMany.status());
        assertEquals(List.of("less_than_or_equal_to"), tooMany.errorKinds("limit"));
        assertEquals(422, list("limit", "-1").status());
        assertEquals(422, list("limit", "ten").status());
    }

    @Test
    void cursorPagingWalksToTheEndInOrder() {
        for (String sort : List.of("name", "priority:desc|name", "comment|name:desc", "comment:desc")) {
            List<String> walked = new ArrayList<>();
            ApiResponse page = list("sort_by", sort, "limit", "3");
            int pages = 1;
            while (page.body().containsKey("next_cursor")) {
                walked.addAll(names(page));
                page = list("sort_by", sort, "limit", "3", "cursor", (String) page.get("next_cursor"));
                pages++;
            }
            walked.addAll(names(page));
            assertEquals(names(list("sort_by", sort)), walked, "sort " + sort);
            assertEquals(3, pages, "sort " + sort);
        }
    }

    @Test
    void cursorKeepsFiltersAndCount() {
        ApiResponse first = list("workflow_action", "copy", "sort_by", "name", "limit", "2");
        ApiResponse second = list("workflow_action", "copy", "sort_by", "name", "limit", "2", "cursor", (String) first.get("next_cursor"));

        assertEquals(List.of("alpha", "charlie"), names(first));
        assertEquals(List.of("echo", "golf"), names(second));
        assertEquals(4L, ((Number) second.get("count")).longValue());
        assertNull(second.get("next_cursor"));
    }

    @Test
    void aCursorIsRefusedUnderAnotherSortOrWhenForged() {
        String cursor = (String) list("sort_by", "name", "limit", "2").get("next_cursor");

        assertEquals(List.of("invalid"), list("sort_by", "priority", "cursor", cursor).errorKinds("cursor"));
        assertEquals(List.of("invalid"), list("cursor", "not-a-cursor").errorKinds("cursor"));
        assertEquals(List.of("invalid"), list("sort_by", "name", "cursor", cursor, "offset", "2").errorKinds("cursor"));
    }

    @Test
    void unknownAttributesAndBadValuesAreNamedIn422() {
        ApiResponse unknown = list("colour", "red");
        assertEquals(422, unknown.status());
        assertTrue(unknown.messages().get(0).contains("colour"), unknown.raw());

        assertEquals(List.of("invalid"), list("sort_by", "colour").errorKinds("sort_by"));
        assertEquals(List.of("invalid"), list("sort_by", "name:sideways").errorKinds("sort_by"));
        assertEquals(List.of("invalid"), list("priority", ">high").errorKinds("priority"));
        assertEquals(List.of("invalid"), list("priority", "~1%").errorKinds("priority"));
        assertEquals(List.of("inclusion"), list("status", "running").errorKinds("status"));
        assertEquals(List.of("invalid"), list("creation_date", ">yesterday").errorKinds("creation_date"));
        assertEquals(List.of("invalid"), list("activate", "maybe").errorKinds("activate"));
        assertEquals(List.of("invalid"), list("all", "maybe").errorKinds("all"));
    }

    @Test
    void filterValuesAreBoundNotConcatenated() {
        assertEquals(List.of(), names(list("name", "x' OR '1'='1")));
        assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"),
                names(list("sort_by", "name", "comment", "!><x') OR 1=1 --|y")));
        assertEquals(404, get("/api/v2/tasks/" + URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8), owner).status());
    }
}
