package io.tapeflow.container;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ContainerCrudApiTest extends ApiTestSupport {

    private static final List<String> CONTRACT_FIELDS = List.of("id", "name", "comment", "type", "path",
            "quota_total_size", "stat_total_files", "stat_total_size", "last_update", "creation_date",
            "modification_date", "creation_username", "modification_username");

    private final List<Path> directories = new ArrayList<>();

    @AfterAll
    void removeDirectories() {
        directories.forEach(Trees::delete);
    }

    private Path directory() {
        Path directory = Trees.directory("crud");
        directories.add(directory);
        return directory;
    }

    private ApiResponse create(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "container", "path", directory().toString()));
        body.putAll(fields);
        return post("/api/v2/containers", body, ADMIN);
    }

    @Test
    void createdContainerShowsEveryFieldWithDefaults() {
        Path directory = directory();

        ApiResponse created = post("/api/v2/containers", Map.of("name", "archive", "path", directory.toString()), ADMIN);

        assertEquals(201, created.status(), created.raw());
        assertEquals(CONTRACT_FIELDS, List.copyOf(created.body().keySet()));
        assertEquals("local", created.get("type"));
        assertEquals(directory.toString(), created.get("path"));
        assertEquals(0, created.get("quota_total_size"));
        assertEquals(0, created.get("stat_total_files"));
        assertEquals(0, created.get("stat_total_size"));
        assertNull(created.get("last_update"));
        assertNull(created.get("comment"));
        assertEquals("admin", created.get("creation_username"));
        assertEquals("admin", created.get("modification_username"));
        assertTrue(((String) created.get("creation_date")).endsWith("Z"), "ISO-8601 UTC");
        assertEquals(created.body(), get("/api/v2/containers/" + created.id(), ADMIN).body());
    }

    @Test
    void pathIsStoredAsTheRealPathOfTheDirectory() throws Exception {
        Path directory = directory();
        Path link = Files.createSymbolicLink(directory.resolveSibling(directory.getFileName() + "-link"), directory);
        directories.add(link);

        ApiResponse viaLink = create(Map.of("name", "via-link", "path", link + "/./"));
        ApiResponse viaDots = create(Map.of("name", "via-dots", "path", directory + "/../" + directory.getFileName()));

        assertEquals(directory.toString(), viaLink.get("path"), viaLink.raw());
        assertEquals(directory.toString(), viaDots.get("path"), viaDots.raw());
    }

    @Test
    void quotaTakesByteCountsBeyondTwoGibibytes() {
        long fiveTebibytes = 5L << 40;

        ApiResponse created = create(Map.of("name", "big", "quota_total_size", fiveTebibytes, "comment", "tier 1"));

        assertEquals(201, created.status(), created.raw());
        assertEquals(fiveTebibytes, ((Number) created.get("quota_total_size")).longValue());
        assertEquals("tier 1", created.get("comment"));
    }

    @Test
    void containerIsFoundByIdAndByNameWhateverItsCase() {
        long id = create(Map.of("name", "Find-Me")).id();

        assertEquals("Find-Me", get("/api/v2/containers/" + id, ADMIN).get("name"));
        assertEquals(id, get("/api/v2/containers/Find-Me", ADMIN).id());
        assertEquals(id, get("/api/v2/containers/find-me", ADMIN).id());
        assertEquals(404, get("/api/v2/containers/no-such-container", ADMIN).status());
        assertEquals(404, get("/api/v2/containers/999999999", ADMIN).status());
        assertEquals(404, get("/api/v2/containers/99999999999999999999999", ADMIN).status());
    }

    @Test
    void aNameThatIsAlsoAnotherContainersIdIsAConflictNamingBoth() {
        long first = create(Map.of("name", "first")).id();
        long second = create(Map.of("name", String.valueOf(first))).id();

        ApiResponse response = get("/api/v2/containers/" + first, ADMIN);

        assertEquals(409, response.status(), response.raw());
        assertTrue(response.messages().get(0).contains("[" + first + ", " + second + "]"), response.raw());
        assertEquals(second, get("/api/v2/containers/" + second, ADMIN).id(), "an unambiguous digit name still works");
    }

    @Test
    void duplicateNameIsTakenWhateverItsCase() {
        assertEquals(201, create(Map.of("name", "shared")).status());

        ApiResponse same = create(Map.of("name", "shared"));
        ApiResponse otherCase = create(Map.of("name", "SHARED"));

        assertEquals(422, same.status(), same.raw());
        assertEquals(List.of("taken"), same.errorKinds("name"));
        assertEquals(List.of("taken"), otherCase.errorKinds("name"));
    }

    @Test
    void updateChangesOnlyTheFieldsItCarries() {
        long id = create(Map.of("name", "partial", "comment", "keep me", "quota_total_size", 100)).id();
        Path moved = directory();

        ApiResponse updated = put("/api/v2/containers/partial", Map.of("quota_total_size", 200, "path", moved.toString()), ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals(id, updated.id());
        assertEquals(200, updated.get("quota_total_size"));
        assertEquals(moved.toString(), updated.get("path"));
        assertEquals("keep me", updated.get("comment"));
        assertEquals("partial", updated.get("name"));
    }

    @Test
    void getBodyPutBackUnchangedIsAcceptedAndChangesNothing() {
        ApiResponse created = create(Map.of("name", "round-trip", "comment", "c", "quota_total_size", 7));

        ApiResponse updated = put("/api/v2/containers/" + created.id(), get("/api/v2/containers/" + created.id(), ADMIN).body(), ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        Map<String, Object> before = new HashMap<>(created.body());
        Map<String, Object> after = new HashMap<>(updated.body());
        before.remove("modification_date");
        after.remove("modification_date");
        assertEquals(before, after);
    }

    @Test
    void aContainerIsClonedByPostingItsGetBodyUnderAnotherName() {
        ApiResponse original = create(Map.of("name", "original", "quota_total_size", 8));
        Map<String, Object> body = new HashMap<>(original.body());
        body.put("name", "clone");

        ApiResponse clone = post("/api/v2/containers", body, ADMIN);

        assertEquals(201, clone.status(), clone.raw());
        assertNotEquals(original.id(), clone.id());
        assertEquals(original.get("path"), clone.get("path"));
        assertEquals(8, clone.get("quota_total_size"));
    }

    @Test
    void readOnlyFieldsSentByAClientAreIgnored() {
        ApiResponse created = create(Map.of("name", "ignored", "id", 4242, "stat_total_files", 9, "stat_total_size", 99,
                "last_update", "2020-01-01T00:00:00Z", "creation_username", "mallory"));

        assertEquals(201, created.status(), created.raw());
        assertNotEquals(4242L, created.id());
        assertEquals(0, created.get("stat_total_files"));
        assertEquals(0, created.get("stat_total_size"));
        assertNull(created.get("last_update"));
        assertEquals("admin", created.get("creation_username"));
    }

    @Test
    void renamingToATakenNameIsRefusedAndChangesNothing() {
        create(Map.of("name", "occupied"));
        long id = create(Map.of("name", "renamed", "quota_total_size", 1)).id();

        ApiResponse response = put("/api/v2/containers/" + id, Map.of("name", "Occupied", "quota_total_size", 2), ADMIN);

        assertEquals(422, response.status(), response.raw());
        assertEquals(List.of("taken"), response.errorKinds("name"));
        ApiResponse unchanged = get("/api/v2/containers/" + id, ADMIN);
        assertEquals("renamed", unchanged.get("name"));
        assertEquals(1, unchanged.get("quota_total_size"));
    }

    @Test
    void aContainerMayBeRenamedToItsOwnNameInAnotherCase() {
        long id = create(Map.of("name", "casual")).id();

        ApiResponse updated = put("/api/v2/containers/" + id, Map.of("name", "Casual"), ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals("Casual", updated.get("name"));
    }

    @Test
    void deletedContainerIsGoneButItsFilesStay() {
        Path directory = directory();
        Trees.file(directory, "keep.txt", 4);
        long id = create(Map.of("name", "doomed", "path", directory.toString())).id();

        assertEquals(204, delete("/api/v2/containers/doomed", ADMIN).status());
        assertEquals(404, get("/api/v2/containers/" + id, ADMIN).status());
        assertEquals(404, delete("/api/v2/containers/" + id, ADMIN).status());
        assertTrue(Files.exists(directory.resolve("keep.txt")));
    }

    @Test
    void missingNameAndPathAreReportedTogetherAsBlank() {
        ApiResponse response = post("/api/v2/containers", Map.of("comment", "nothing else"), ADMIN);

        assertEquals(422, response.status());
        assertEquals(List.of("blank"), response.errorKinds("name"));
        assertEquals(List.of("blank"), response.errorKinds("path"));
    }

    @Test
    void relativePathIsRefused() {
        ApiResponse response = create(Map.of("path", "data/archive"));

        assertEquals(422, response.status());
        assertEquals(List.of("invalid"), response.errorKinds("path"));
        assertTrue(response.messages().get(0).contains("absolute"), response.raw());
    }

    @Test
    void pathThatDoesNotExistIsRefused() {
        ApiResponse response = create(Map.of("path", directory().resolve("missing").toString()));

        assertEquals(422, response.status());
        assertEquals(List.of("invalid"), response.errorKinds("path"));
        assertTrue(response.messages().get(0).contains("does not exist"), response.raw());
    }

    @Test
    void pathToAFileIsRefused() {
        Path file = Trees.file(directory(), "plain.txt", 1);

        ApiResponse response = create(Map.of("path", file.toString()));

        assertEquals(422, response.status());
        assertEquals(List.of("invalid"), response.errorKinds("path"));
        assertTrue(response.messages().get(0).contains("not a directory"), response.raw());
    }

    @Test
    void pathWithANulCharacterIsRefused() {
        assertEquals(List.of("invalid"), create(Map.of("path", directory() + "\0/x")).errorKinds("path"));
    }

    @Test
    void updateToAnInvalidPathIsRefusedAndChangesNothing() {
        Path directory = directory();
        long id = create(Map.of("name", "steady", "path", directory.toString())).id();

        ApiResponse response = put("/api/v2/containers/" + id, Map.of("path", "/no/such/directory/at/all"), ADMIN);

        assertEquals(422, response.status(), response.raw());
        assertEquals(directory.toString(), get("/api/v2/containers/" + id, ADMIN).get("path"));
    }

    @Test
    void blankNameOrPathOnUpdateIsRefusedButNullKeepsTheValue() {
        long id = create(Map.of("name", "not-blank")).id();
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("name", null);
        nulls.put("path", null);

        ApiResponse blank = put("/api/v2/containers/" + id, Map.of("name", " ", "path", ""), ADMIN);
        ApiResponse kept = put("/api/v2/containers/" + id, nulls, ADMIN);

        assertEquals(List.of("blank"), blank.errorKinds("name"));
        assertEquals(List.of("blank"), blank.errorKinds("path"));
        assertEquals(200, kept.status(), kept.raw());
        assertEquals("not-blank", kept.get("name"));
    }

    @Test
    void everyMistakeOfABodyIsReportedInOne422() {
        ApiResponse response = post("/api/v2/containers", Map.of("name", "a/b", "type", "s3", "path", "relative",
                "quota_total_size", -1, "colour", "red"), ADMIN);

        assertEquals(422, response.status(), response.raw());
        assertEquals(List.of("invalid"), response.errorKinds("name"));
        assertEquals(List.of("inclusion"), response.errorKinds("type"));
        assertEquals(List.of("invalid"), response.errorKinds("path"));
        assertEquals(List.of("greater_than_or_equal_to"), response.errorKinds("quota_total_size"));
        assertEquals(List.of("invalid"), response.errorKinds("colour"));
        assertEquals(5, response.messages().size(), response.raw());
    }

    @Test
    void aTakenNameIsReportedTogetherWithTheOtherMistakes() {
        create(Map.of("name", "popular"));

        ApiResponse response = create(Map.of("name", "popular", "path", "relative"));

        assertEquals(List.of("taken"), response.errorKinds("name"));
        assertEquals(List.of("invalid"), response.errorKinds("path"));
    }

    @Test
    void quotaMustBeAWholeNumber() {
        assertEquals(List.of("not_an_integer"), create(Map.of("quota_total_size", 1.5)).errorKinds("quota_total_size"));
        assertEquals(List.of("not_an_integer"), create(Map.of("quota_total_size", "10G")).errorKinds("quota_total_size"));
    }

    @Test
    void tooLongNameIsRefused() {
        assertEquals(List.of("too_long"), create(Map.of("name", "x".repeat(256))).errorKinds("name"));
    }
}
