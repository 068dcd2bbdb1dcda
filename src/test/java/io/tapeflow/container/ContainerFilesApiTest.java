package io.tapeflow.container;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v2/containers/{id}/files over a real tree, and every way of trying to leave the container. */
@MicronautTest(transactional = false)
class ContainerFilesApiTest extends ApiTestSupport {

    private Path parent;
    private Path root;
    private Path outside;
    private long id;

    /**
     * root/ alpha.txt (5 B), beta/{gamma.txt (3 B), delta/}, etc/passwd (11 B), many/f000..f119,
     * zeta.bin (10 B), inside -> beta, outside -> ../outside, dangling -> nowhere, fifo;
     * next to it: outside/{secret.txt, sub/}.
     */
    @BeforeAll
    void tree() throws Exception {
        parent = Trees.directory("files");
        root = Trees.folder(parent, "root");
        outside = Trees.folder(parent, "outside");
        Trees.file(outside, "secret.txt", 42);
        Trees.folder(outside, "sub");
        Trees.file(root, "alpha.txt", 5);
        Trees.file(root, "beta/gamma.txt", 3);
        Trees.folder(root, "beta/delta");
        Trees.file(root, "etc/passwd", 11);
        Trees.file(root, "zeta.bin", 10);
        IntStream.range(0, 120).forEach(i -> Trees.file(root, "many/f%03d".formatted(i), 1));
        Trees.link(root, "inside", root.resolve("beta"));
        Trees.link(root, "outside", Path.of("../outside"));
        Trees.link(root, "dangling", parent.resolve("nowhere"));
        new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).start().waitFor();
        id = post("/api/v2/containers", Map.of("name", "tree", "path", root.toString()), ADMIN).id();
    }

    @AfterAll
    void removeTree() {
        Trees.delete(parent);
    }

    private ApiResponse files(String path, String... parameters) {
        StringBuilder query = new StringBuilder("?path=").append(URLEncoder.encode(path, StandardCharsets.UTF_8));
        for (int i = 0; i < parameters.length; i += 2) {
            query.append('&').append(parameters[i]).append('=').append(parameters[i + 1]);
        }
        return get("/api/v2/containers/" + id + "/files" + query, ADMIN);
    }

    private static List<String> names(ApiResponse response) {
        assertEquals(200, response.status(), response.raw());
        return response.list("files").stream().map(f -> (String) f.get("name")).toList();
    }

    /** A 422 on path that tells nothing about what lies outside. */
    private void assertRefused(ApiResponse response) {
        assertEquals(422, response.status(), response.raw());
        assertEquals(List.of("invalid"), response.errorKinds("path"), response.raw());
        assertFalse(response.raw().contains(outside.toString()), response.raw());
        assertFalse(response.raw().contains("\"files\""), response.raw());
    }

    @Test
    void theRootIsListedByNameWithTypesSizesAndPaths() {
        ApiResponse response = get("/api/v2/containers/tree/files", ADMIN);

        assertEquals(List.of("alpha.txt", "beta", "etc", "inside", "many", "zeta.bin"), names(response));
        assertEquals(6, response.get("count"));
        Map<String, Object> alpha = response.list("files").get(0);
        assertEquals(List.of("name", "path", "type", "size", "modification_date"), List.copyOf(alpha.keySet()));
        assertEquals("/alpha.txt", alpha.get("path"));
        assertEquals("file", alpha.get("type"));
        assertEquals(5, alpha.get("size"));
        assertTrue(Instant.parse((String) alpha.get("modification_date")).isAfter(Instant.now().minusSeconds(3600)));
        Map<String, Object> beta = response.list("files").get(1);
        assertEquals("folder", beta.get("type"));
        assertEquals(0, beta.get("size"));
        assertEquals("/beta", beta.get("path"));
    }

    @Test
    void aSubfolderListsWithContainerRelativePaths() {
        ApiResponse response = files("/beta");

        assertEquals(List.of("delta", "gamma.txt"), names(response));
        assertEquals(List.of("/beta/delta", "/beta/gamma.txt"), response.list("files").stream().map(f -> f.get("path")).toList());
        assertEquals(List.of("folder", "file"), response.list("files").stream().map(f -> f.get("type")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"beta", "beta/", "//beta//", "/./beta/."})
    void slashesAndDotsAroundAFolderNameAreTheSameFolder(String path) {
        assertEquals(List.of("delta", "gamma.txt"), names(files(path)));
    }

    @Test
    void aLinkInsideTheContainerIsListedAsWhatItPointsTo() {
        Map<String, Object> inside = files("/").list("files").get(3);
        assertEquals("inside", inside.get("name"));
        assertEquals("folder", inside.get("type"));

        ApiResponse through = files("/inside");
        assertEquals(List.of("delta", "gamma.txt"), names(through));
        assertEquals("/beta/gamma.txt", through.list("files").get(1).get("path"), "paths name the real location");
    }

    @Test
    void linksLeavingTheContainerAndSpecialFilesAreNotListed() {
        List<String> names = names(files("/"));

        assertFalse(names.contains("outside"));
        assertFalse(names.contains("dangling"));
        assertFalse(names.contains("fifo"));
    }

    @Test
    void limitAndOffsetPageThroughALargeFolder() {
        ApiResponse first = files("/many");
        assertEquals(50, names(first).size());
        assertEquals(120, first.get("count"));
        assertEquals("f000", names(first).get(0));

        assertEquals(List.of("f100", "f101", "f102"), names(files("/many", "limit", "3", "offset", "100")));
        assertEquals(List.of("f118", "f119"), names(files("/many", "limit", "5", "offset", "118")));
        assertEquals(List.of(), names(files("/many", "offset", "500")));
        ApiResponse countOnly = files("/many", "limit", "0");
        assertEquals(List.of(), names(countOnly));
        assertEquals(120, countOnly.get("count"));
        assertEquals(120, names(files("/many", "limit", "1000")).size());
    }

    @Test
    void pagingMistakesAndUnknownParametersAreReportedInOne422() {
        ApiResponse response = files("/many", "limit", "1001", "offset", "-1", "sort_by", "size");

        assertEquals(422, response.status(), response.raw());
        assertEquals(List.of("less_than_or_equal_to"), response.errorKinds("limit"));
        assertEquals(List.of("greater_than_or_equal_to"), response.errorKinds("offset"));
        assertEquals(List.of("invalid"), response.errorKinds("sort_by"));
        assertEquals(List.of("not_a_number"), files("/", "limit", "ten").errorKinds("limit"));
    }

    @Test
    void aMissingFolderOrContainerIsNotFound() {
        assertEquals(404, files("/no-such-folder").status());
        assertEquals(404, files("/beta/no-such-folder").status());
        assertEquals(404, get("/api/v2/containers/no-such-container/files", ADMIN).status());
    }

    @Test
    void aFileIsNotAFolder() {
        ApiResponse response = files("/alpha.txt");

        assertEquals(422, response.status(), response.raw());
        assertEquals(List.of("invalid"), response.errorKinds("path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../", "/..", "/../../etc", "../outside", "beta/../..", "beta/../../outside", "beta/.."})
    void dotDotSegmentsAreRefused(String path) {
        assertRefused(files(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2e%2e", "%2E%2E%2F%2E%2E%2Fetc", "%2e%2e%2foutside", "beta%2f%2e%2e%2f%2e%2e"})
    void percentEncodedDotDotIsRefused(String encoded) {
        assertRefused(get("/api/v2/containers/" + id + "/files?path=" + encoded, ADMIN));
    }

    @Test
    void doubleEncodedDotDotIsAnOrdinaryNameInsideTheContainer() {
        assertEquals(404, get("/api/v2/containers/" + id + "/files?path=%252e%252e", ADMIN).status());
    }

    @Test
    void absolutePathsNameFoldersOfTheContainerNotOfTheServer() {
        ApiResponse etc = files("/etc");
        assertEquals(List.of("passwd"), names(etc));
        assertEquals(11, etc.list("files").get(0).get("size"), "the container's own etc/passwd");

        assertEquals(422, files("/etc/passwd").status(), "a file of the container, not a folder");
        assertEquals(404, files("/usr/bin").status());
        assertEquals(404, files(outside.toString()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/outside", "outside/", "/outside/sub", "/outside/secret.txt", "/outside/not-there"})
    void aLinkPointingOutsideIsRefusedAsTheFolderAndAsAComponent(String path) {
        assertRefused(files(path));
    }

    @Test
    void aDanglingLinkIsRefused() {
        assertRefused(files("/dangling"));
        assertRefused(files("/dangling/x"));
    }

    @Test
    void aNulCharacterIsRefused() {
        assertRefused(get("/api/v2/containers/" + id + "/files?path=beta%00", ADMIN));
    }

    @Test
    void aContainerWhoseDirectoryWasRemovedIsAConflict() throws Exception {
        Path gone = Trees.folder(parent, "gone");
        post("/api/v2/containers", Map.of("name", "gone", "path", gone.toString()), ADMIN);
        Files.delete(gone);

        ApiResponse response = get("/api/v2/containers/gone/files", ADMIN);

        assertEquals(409, response.status(), response.raw());
        assertTrue(response.messages().get(0).contains("unavailable"), response.raw());
    }
}
