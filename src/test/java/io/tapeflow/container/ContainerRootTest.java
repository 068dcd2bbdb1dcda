package io.tapeflow.container;

import io.tapeflow.api.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerRootTest {

    private Path parent;
    private Path rootDirectory;
    private Path outside;
    private ContainerRoot root;

    @BeforeEach
    void tree() {
        parent = Trees.directory("root-test");
        rootDirectory = Trees.folder(parent, "c1");
        outside = Trees.folder(parent, "outside");
        Trees.file(outside, "secret.txt", 7);
        Trees.folder(outside, "sub");
        Trees.file(rootDirectory, "a/b/file.txt", 3);
        root = ContainerRoot.of(Trees.container("c1", rootDirectory));
    }

    @AfterEach
    void cleanUp() {
        Trees.delete(parent);
    }

    private void assertRefused(String path) {
        ApiException refused = assertThrows(ApiException.class, () -> root.resolve(path), path);
        assertEquals(422, refused.status().getCode(), path);
        assertEquals("invalid", refused.body().details().get("path").get(0).error(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "//", ".", "/./"})
    void slashAndEmptyNameTheRoot(String path) {
        assertEquals(rootDirectory, root.resolve(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/b", "a/b", "a//b/", "/./a/./b"})
    void pathsResolveBelowTheRootWithOrWithoutLeadingSlash(String path) {
        assertEquals(rootDirectory.resolve("a/b"), root.resolve(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "/..", "../", "../outside", "/../../etc", "a/../..", "a/b/../../../outside", "a/..", "/a/b/.."})
    void dotDotSegmentsAreRefusedEvenWhenTheyWouldStayInside(String path) {
        assertRefused(path);
    }

    @Test
    void nulCharactersAreRefused() {
        assertRefused("a\0b");
    }

    @Test
    void absolutePathsAreTakenAsContainerRelative() {
        assertEquals(rootDirectory.resolve("etc/passwd"), root.resolve("/etc/passwd"));
        assertEquals(rootDirectory.resolve(outside.toString().substring(1)), root.resolve(outside.toString()));
    }

    @Test
    void namesThatOnlyLookLikeEscapesStayInside() {
        assertEquals(rootDirectory.resolve("..."), root.resolve("/..."));
        assertEquals(rootDirectory.resolve("..x"), root.resolve("..x"));
        assertEquals(rootDirectory.resolve("%2e%2e"), root.resolve("%2e%2e"));
        assertEquals(rootDirectory.resolve("..\\..\\etc"), root.resolve("..\\..\\etc"));
    }

    @Test
    void aPathThatDoesNotExistYetResolvesBelowItsExistingPart() {
        assertEquals(rootDirectory.resolve("a/b/new/deeper/file.bin"), root.resolve("/a/b/new/deeper/file.bin"));
    }

    @Test
    void aLinkPointingOutsideIsRefusedAsTheLastComponent() {
        Trees.link(rootDirectory, "escape", outside);

        assertRefused("/escape");
        assertRefused("escape/");
    }

    @Test
    void aLinkPointingOutsideIsRefusedAsAComponentOfExistingAndNewPaths() {
        Trees.link(rootDirectory, "escape", outside);

        assertRefused("/escape/secret.txt");
        assertRefused("/escape/sub");
        assertRefused("/escape/not-yet/created.txt");
    }

    @Test
    void aRelativeLinkClimbingOutOfTheRootIsRefused() {
        Trees.link(rootDirectory.resolve("a"), "up", Path.of("../../outside"));

        assertRefused("/a/up");
        assertRefused("/a/up/secret.txt");
    }

    @Test
    void aLinkToAFileOutsideIsRefused() {
        Trees.link(rootDirectory, "passwd", outside.resolve("secret.txt"));

        assertRefused("/passwd");
    }

    @Test
    void aLinkToTheRootsParentIsJudgedByWhereThePathReallyEnds() {
        Trees.link(rootDirectory, "parent", parent);

        assertRefused("/parent");
        assertRefused("/parent/outside/secret.txt");
        assertEquals(rootDirectory.resolve("a/b"), root.resolve("/parent/c1/a/b"));
    }

    @Test
    void aDanglingLinkIsRefusedBecauseWritingThroughItCouldCreateAFileAnywhere() {
        Trees.link(rootDirectory, "dangling", outside.resolve("not-there.txt"));

        assertRefused("/dangling");
        assertRefused("/dangling/x");
    }

    @Test
    void aLinkLoopIsRefused() {
        Trees.link(rootDirectory, "loop", rootDirectory.resolve("loop"));

        assertRefused("/loop");
    }

    @Test
    void aLinkInsideTheContainerResolvesToItsRealLocation() {
        Trees.link(rootDirectory, "shortcut", rootDirectory.resolve("a/b"));

        assertEquals(rootDirectory.resolve("a/b/file.txt"), root.resolve("/shortcut/file.txt"));
        assertEquals(rootDirectory.resolve("a/b/new.txt"), root.resolve("/shortcut/new.txt"));
    }

    @Test
    void aSiblingDirectorySharingTheRootsNamePrefixIsOutside() {
        Path sibling = Trees.folder(parent, "c10");
        Trees.link(rootDirectory, "sibling", sibling);

        assertRefused("/sibling");
        assertFalse(root.contains(sibling));
        assertThrows(IllegalArgumentException.class, () -> root.relativize(sibling));
    }

    @Test
    void relativizeGivesContainerRelativePathsStartingWithSlash() {
        assertEquals("/", root.relativize(rootDirectory));
        assertEquals("/a/b/file.txt", root.relativize(rootDirectory.resolve("a/b/file.txt")));
        assertEquals("/a", root.relativize(rootDirectory.resolve("a/b/..")));
        assertEquals("/a/b", root.relativize(root.resolve("a/b")));
    }

    @Test
    void relativizeRefusesPathsOutsideTheRoot() {
        assertThrows(IllegalArgumentException.class, () -> root.relativize(outside));
        assertThrows(IllegalArgumentException.class, () -> root.relativize(rootDirectory.resolve("../outside")));
    }

    @Test
    void containsComparesWholeComponents() {
        assertTrue(root.contains(rootDirectory));
        assertTrue(root.contains(rootDirectory.resolve("a/b")));
        assertFalse(root.contains(outside));
        assertFalse(root.contains(rootDirectory.resolve("../outside")));
    }

    @Test
    void aRemovedRootMakesTheContainerUnavailable() {
        Trees.delete(rootDirectory);

        ApiException unavailable = assertThrows(ApiException.class, () -> root.resolve("/"));
        assertEquals(409, unavailable.status().getCode());
        assertFalse(root.isWritable());
    }

    @Test
    void aRootReplacedByALinkMakesTheContainerUnavailableRatherThanFollowingIt() throws Exception {
        Trees.delete(rootDirectory);
        Files.createSymbolicLink(rootDirectory, outside);

        assertEquals(409, assertThrows(ApiException.class, () -> root.resolve("/secret.txt")).status().getCode());
    }

    @Test
    void aRootReplacedByALinkAfterItWasCheckedIsStillNotFollowed() throws Exception {
        assertEquals(rootDirectory.resolve("a/b/file.txt"), root.resolve("/a/b/file.txt"));
        Trees.delete(rootDirectory);
        Files.createSymbolicLink(rootDirectory, outside);

        assertEquals(409, assertThrows(ApiException.class, () -> root.resolve("/secret.txt")).status().getCode());
    }

    @Test
    void aFolderReplacedByALinkOutsideAfterAnEarlierResolveIsRefused() throws Exception {
        assertEquals(rootDirectory.resolve("a/b/new.txt"), root.resolve("/a/b/new.txt"));
        Trees.delete(rootDirectory.resolve("a/b"));
        Files.createSymbolicLink(rootDirectory.resolve("a/b"), outside);

        assertRefused("/a/b/new.txt");
        assertRefused("/a/b/secret.txt");
    }

    @Test
    void aWritableRootIsWritableAndTheProbeLeavesNothingBehind() throws Exception {
        assertTrue(root.isWritable());
        try (var entries = Files.list(rootDirectory)) {
            assertEquals(1, entries.count(), "only a/ remains");
        }
    }
}
