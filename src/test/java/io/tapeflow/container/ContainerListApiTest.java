package io.tapeflow.container;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filters, sorts and paging of GET /api/v2/containers over a known set of containers. */
@MicronautTest(transactional = false)
class ContainerListApiTest extends ApiTestSupport {

    /** name, quota_total_size, comment (or null) */
    private static final Object[][] CONTAINERS = {
            {"archive", 0L, "primary"},
            {"backup", 5L << 40, null},
            {"cold", 100L, "tape staging"},
            {"dropbox", 100L, "tape import"},
            {"exchange", 3_000_000_000L, null},
    };

    private Path directory;
    private Auth reader;

    @BeforeAll
    void containers() {
        directory = Trees.directory("list");
        for (Object[] c : CONTAINERS) {
            Map<String, Object> body = new HashMap<>(Map.of("name", c[0], "quota_total_size", c[1],
                    "path", Trees.folder(directory, (String) c[0]).toString()));
            if (c[2] != null) {
                body.put("comment", c[2]);
            }
            assertEquals(201, post("/api/v2/containers", body, ADMIN).status());
        }
        reader = createUser("reader", "guest");
    }

    @AfterAll
    void removeDirectory() {
        Trees.delete(directory);
    }

    private ApiResponse list(String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return get("/api/v2/containers" + query, reader);
    }

    private List<String> names(ApiResponse response) {
        assertEquals(200, response.status(), response.raw());
        return response.list("containers").stream().map(c -> (String) c.get("name")).toList();
    }

    @Test
    void allContainersAreListedInIdOrderByDefault() {
        ApiResponse response = list();

        assertEquals(List.of("archive", "backup", "cold", "dropbox", "exchange"), names(response));
        assertEquals(5, response.get("count"));
        assertNull(response.get("next_cursor"));
    }

    @Test
    void sizesAboveTwoGibibytesFilterAndSort() {
        assertEquals(List.of("backup", "exchange"), names(list("quota_total_size", ">" + Integer.MAX_VALUE, "sort_by", "name")));
        assertEquals(List.of("backup", "exchange", "cold", "dropbox", "archive"),
                names(list("sort_by", "quota_total_size:desc|name")));
    }

    @Test
    void textAttributesFilterWithPatternsAndLists() {
        assertEquals(List.of("cold", "dropbox"), names(list("comment", "~tape%", "sort_by", "name")));
        assertEquals(List.of("archive", "backup", "exchange"), names(list("comment", "!~tape%", "sort_by", "name")));
        assertEquals(List.of("archive", "exchange"), names(list("name", "><archive|exchange|nothing")));
        assertEquals(List.of("cold"), names(list("path", "~%/cold")));
    }

    @Test
    void typeFiltersOnItsEnumeration() {
        assertEquals(5, names(list("type", "local")).size());
        ApiResponse unknown = list("type", "s3");
        assertEquals(422, unknown.status());
        assertEquals(List.of("inclusion"), unknown.errorKinds("type"));
    }

    @Test
    void datesAndStatisticsFilter() {
        assertEquals(5, names(list("creation_date", ">=2020-01-01", "creation_date", "<2999-01-01")).size());
        assertEquals(5, names(list("stat_total_files", "0")).size());
        assertEquals(0, names(list("last_update", ">2020-01-01")).size());
        assertEquals(5, names(list("creation_username", "admin")).size());
    }

    @Test
    void limitAndOffsetPage() {
        ApiResponse page = list("sort_by", "name:desc", "limit", "2", "offset", "1");

        assertEquals(List.of("dropbox", "cold"), names(page));
        assertEquals(5, page.get("count"));
    }

    @Test
    void cursorWalksTheWholeListOnce() {
        List<String> seen = new ArrayList<>();
        ApiResponse page = list("sort_by", "quota_total_size", "limit", "2");
        while (true) {
            seen.addAll(names(page));
            String cursor = (String) page.get("next_cursor");
            if (cursor == null) {
                break;
            }
            page = list("sort_by", "quota_total_size", "limit", "2", "cursor", cursor);
        }

        assertEquals(List.of("archive", "cold", "dropbox", "exchange", "backup"), seen);
    }

    @Test
    void unknownAttributesAndLimitsAboveTheMaximumAreRefused() {
        ApiResponse response = list("colour", "red", "sort_by", "owner", "limit", "1001");

        assertEquals(422, response.status());
        assertEquals(List.of("invalid"), response.errorKinds("colour"));
        assertEquals(List.of("invalid"), response.errorKinds("sort_by"));
        assertEquals(List.of("less_than_or_equal_to"), response.errorKinds("limit"));
        assertTrue(response.messages().get(0).contains("containers"), response.raw());
    }
}
