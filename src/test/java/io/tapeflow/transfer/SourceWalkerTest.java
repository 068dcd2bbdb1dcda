package io.tapeflow.transfer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceWalkerTest {

    @TempDir
    Path root;

    /*
     * root/
     *   A.txt  a/{m/, y.txt, z.txt}  a-b.txt  b.txt (5 bytes)  c/  d -> a
     */
    @BeforeEach
    void tree() throws IOException {
        Files.writeString(root.resolve("b.txt"), "hello");
        Files.createDirectories(root.resolve("a/m"));
        Files.writeString(root.resolve("a/z.txt"), "z");
        Files.writeString(root.resolve("a/y.txt"), "y");
        Files.writeString(root.resolve("A.txt"), "A");
        Files.writeString(root.resolve("a-b.txt"), "ab");
        Files.createDirectory(root.resolve("c"));
        Files.createSymbolicLink(root.resolve("d"), root.resolve("a"));
    }

    @Test
    void entriesComeDepthFirstSortedByNameWithEmptyDirectoriesAndSymlinksNotFollowed() {
        assertEquals(List.of("FILE A.txt", "EMPTY_DIRECTORY a/m", "FILE a/y.txt", "FILE a/z.txt", "FILE a-b.txt",
                "FILE b.txt", "EMPTY_DIRECTORY c", "SYMLINK d"), describe(SourceWalker.walk(root)));
    }

    @Test
    void entriesCarryTheirAbsolutePathSizeAndModificationTime() throws IOException {
        FileTime mtime = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
        Files.setLastModifiedTime(root.resolve("b.txt"), mtime);

        SourceEntry b = SourceWalker.walk(root).filter(e -> e.relative().equals("b.txt")).findFirst().orElseThrow();

        assertEquals(new SourceEntry(SourceEntry.Kind.FILE, root.resolve("b.txt"), "b.txt", 5, mtime), b);
        assertTrue(SourceWalker.walk(root).filter(e -> e.relative().equals("c")).findFirst().orElseThrow().directory());
    }

    @Test
    void aFileAsSourceYieldsJustThatFile() {
        assertEquals(List.of("FILE b.txt"), describe(SourceWalker.walk(root.resolve("b.txt"))));
        assertEquals(List.of(), describe(SourceWalker.walkAfter(root.resolve("b.txt"), "b.txt")));
    }

    @Test
    void anEmptyRootYieldsNothingAndAMissingRootFails() {
        assertEquals(List.of(), describe(SourceWalker.walk(root.resolve("c"))));
        TransferFailure failure = assertThrows(TransferFailure.class, () -> SourceWalker.walk(root.resolve("nope")));
        assertEquals("source vanished: No such file or directory", failure.reason());
    }

    @Test
    void aSymlinkedRootIsFollowed() {
        assertEquals(List.of("EMPTY_DIRECTORY m", "FILE y.txt", "FILE z.txt"), describe(SourceWalker.walk(root.resolve("d"))));
    }

    @Test
    void walkAfterResumesRightAfterTheGivenEntry() {
        assertEquals(List.of("FILE a/z.txt", "FILE a-b.txt", "FILE b.txt", "EMPTY_DIRECTORY c", "SYMLINK d"),
                describe(SourceWalker.walkAfter(root, "a/y.txt")));
        assertEquals(List.of("SYMLINK d"), describe(SourceWalker.walkAfter(root, "c")));
        assertEquals(List.of(), describe(SourceWalker.walkAfter(root, "d")));
    }

    @Test
    void walkAfterFromEveryEntryGivesTheRestOfTheFullWalk() {
        List<String> full = describe(SourceWalker.walk(root));
        assertEquals(full, describe(SourceWalker.walkAfter(root, "")));
        List<SourceEntry> entries = SourceWalker.walk(root).toList();
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(full.subList(i + 1, full.size()), describe(SourceWalker.walkAfter(root, entries.get(i).relative())),
                    "after " + entries.get(i).relative());
        }
    }

    @Test
    void walkAfterAnEntryDeletedMeanwhileResumesWhereItWas() throws IOException {
        Files.delete(root.resolve("a/y.txt"));
        assertEquals(List.of("FILE a/z.txt", "FILE a-b.txt", "FILE b.txt", "EMPTY_DIRECTORY c", "SYMLINK d"),
                describe(SourceWalker.walkAfter(root, "a/y.txt")));

        assertEquals(List.of("FILE a/z.txt", "FILE a-b.txt", "FILE b.txt", "EMPTY_DIRECTORY c", "SYMLINK d"),
                describe(SourceWalker.walkAfter(root, "a/n/was-here.txt")), "inside a directory that is gone too");
    }

    @Test
    void walkAfterADeletedDirectoryResumesAtItsNextSibling() throws IOException {
        Files.delete(root.resolve("a/m"));
        assertEquals(List.of("FILE a/y.txt", "FILE a/z.txt", "FILE a-b.txt", "FILE b.txt", "EMPTY_DIRECTORY c", "SYMLINK d"),
                describe(SourceWalker.walkAfter(root, "a/m/deep/file.txt")));
    }

    @Test
    void filesAddedToADirectoryAfterItWasCheckpointedAsEmptyAreStillWalked() throws IOException {
        Files.writeString(root.resolve("c/new.txt"), "new");
        assertEquals(List.of("FILE c/new.txt", "SYMLINK d"), describe(SourceWalker.walkAfter(root, "c")));
    }

    @Test
    void theOrderComparesSegmentBySegment() {
        assertTrue(SourceWalker.compare("a/z.txt", "a-b.txt") < 0, "a's content before a-b.txt, unlike plain string order");
        assertTrue(SourceWalker.compare("a", "a/m") < 0);
        assertTrue(SourceWalker.compare("A.txt", "a") < 0);
        assertEquals(0, SourceWalker.compare("a/b", "a/b"));
    }

    @Test
    void aTreeOfTwentyThousandFilesIsStreamedInOrder() throws IOException {
        Path big = Files.createDirectory(root.resolve("big"));
        for (int d = 0; d < 20; d++) {
            Path dir = Files.createDirectory(big.resolve("dir" + d));
            for (int f = 0; f < 1000; f++) {
                Files.createFile(dir.resolve("f" + f));
            }
        }

        long count = 0;
        String previous = null;
        try (Stream<SourceEntry> walk = SourceWalker.walk(big)) {
            for (Iterator<SourceEntry> it = walk.iterator(); it.hasNext(); count++) {
                SourceEntry entry = it.next();
                assertEquals(SourceEntry.Kind.FILE, entry.kind());
                if (previous != null && SourceWalker.compare(previous, entry.relative()) >= 0) {
                    throw new AssertionError(previous + " came before " + entry.relative());
                }
                previous = entry.relative();
            }
        }
        assertEquals(20_000, count);
        assertEquals("dir9/f999", previous);
        assertEquals(List.of("FILE dir9/f999"), describe(SourceWalker.walkAfter(big, "dir9/f998")));
    }

    private static List<String> describe(Stream<SourceEntry> entries) {
        try (entries) {
            return entries.map(e -> e.kind() + " " + e.relative()).toList();
        }
    }
}
