package io.tapeflow.execution;

import io.tapeflow.transfer.SourceEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How a retry turns the paths that failed into entries, and how failed paths map to and from sources. */
class RetryPlanTest {

    private static List<String> entries(SourceRoot root, String relative, String within) {
        try (Stream<SourceEntry> entries = RetryPlan.expand(root, relative, within)) {
            return entries.map(e -> e.kind() + " " + e.relative()).toList();
        }
    }

    private static SourceRoot folder(Path dir) {
        return new SourceRoot(dir, dir.getFileName().toString(), 1, false, "/" + dir.getFileName());
    }

    @Test
    void aFailedFileIsThatFileAndAFailedFolderIsWalkedAgainWithPathsBelowTheSource() throws IOException {
        Path dir = Files.createTempDirectory("tf-plan");
        Files.createDirectories(dir.resolve("d/e"));
        Files.writeString(dir.resolve("d/e/x.txt"), "x");
        Files.writeString(dir.resolve("d/y.txt"), "y");
        Files.writeString(dir.resolve("f.txt"), "f");
        Files.createDirectories(dir.resolve("empty"));
        SourceRoot root = folder(dir);

        assertEquals(List.of("FILE f.txt"), entries(root, "f.txt", null));
        assertEquals(List.of("FILE d/e/x.txt", "FILE d/y.txt"), entries(root, "d", null));
        assertEquals(List.of("FILE d/y.txt"), entries(root, "d", "e/x.txt"), "resumes after the checkpoint inside the folder");
        assertEquals(List.of("EMPTY_DIRECTORY empty"), entries(root, "empty", null), "an empty folder is recreated, as a walk would");
        assertEquals(List.of("FILE d/e/x.txt", "FILE d/y.txt", "EMPTY_DIRECTORY empty", "FILE f.txt"), entries(root, "", null),
                "'' is the whole source");
    }

    @Test
    void aPathThatIsGoneOrLiesBehindALinkIsMissingNotFollowed() throws IOException {
        Path dir = Files.createTempDirectory("tf-plan");
        Path outside = Files.createTempDirectory("tf-outside");
        Files.writeString(outside.resolve("secret.txt"), "s");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        SourceRoot root = folder(dir);

        assertEquals(List.of("MISSING gone.txt"), entries(root, "gone.txt", null));
        assertEquals(List.of("MISSING link/secret.txt"), entries(root, "link/secret.txt", null));
        assertEquals(List.of("SYMLINK link"), entries(root, "link", null), "a link that failed is reported, never followed");
    }

    @Test
    void theCheckpointLiesStrictlyBelowAPlannedPathOrNot() {
        assertEquals("e/x.txt", RetryPlan.below("d", "d/e/x.txt"));
        assertNull(RetryPlan.below("d", "d"));
        assertNull(RetryPlan.below("d", "dd/x"));
        assertEquals("a/b", RetryPlan.below("", "a/b"));
        assertNull(RetryPlan.below("", ""));
    }

    @Test
    void failedPathsAreContainerRelativeAndFoundAgainInTheSourceThatHoldsThem() {
        SourceRoot folder = new SourceRoot(Path.of("/c/photos"), "photos", 7, false, "/photos");
        SourceRoot whole = new SourceRoot(Path.of("/c"), "", 7, true, "/");
        SourceRoot file = new SourceRoot(Path.of("/c/one.txt"), "", 7, false, "/one.txt");

        assertEquals("/photos/2024/a.jpg", folder.containerPathOf("2024/a.jpg"));
        assertEquals("/photos", folder.containerPathOf(""));
        assertEquals("/2024/a.jpg", whole.containerPathOf("2024/a.jpg"));
        assertEquals("/one.txt", file.containerPathOf("one.txt"));

        assertEquals("2024/a.jpg", folder.relativeOf(7, "/photos/2024/a.jpg"));
        assertEquals("", folder.relativeOf(7, "/photos"));
        assertNull(folder.relativeOf(7, "/photosynthesis/a.jpg"));
        assertNull(folder.relativeOf(8, "/photos/2024/a.jpg"), "another container");
        assertEquals("photos/2024/a.jpg", whole.relativeOf(7, "/photos/2024/a.jpg"));
        assertEquals("", file.relativeOf(7, "/one.txt"));
        assertNull(file.relativeOf(7, "/one.txt/x"));
    }

    /** A plan over {@code paths} of source 0, served a page at a time like the database does. */
    private static RetryPlan planOf(List<String> paths) {
        return new RetryPlan((execution, source, afterId, limit) -> java.util.stream.IntStream.range(0, paths.size())
                .filter(i -> source == 0 && i + 1 > afterId).limit(limit)
                .mapToObj(i -> new RetryFiles.Planned(i + 1, paths.get(i))).toList(), 1, java.util.Set.of(0));
    }

    private static List<String> after(RetryPlan plan, SourceRoot root, String checkpoint) {
        try (Stream<SourceEntry> entries = plan.entriesAfter(0, root, checkpoint)) {
            return entries.map(SourceEntry::relative).toList();
        }
    }

    @Test
    void aRetryResumesAfterItsCheckpointWhetherItFallsOnAPlannedPathOrInsideAFolder() throws IOException {
        Path dir = Files.createTempDirectory("tf-plan");
        Files.createDirectories(dir.resolve("d/e"));
        Files.writeString(dir.resolve("d/e/x.txt"), "x");
        Files.writeString(dir.resolve("d/y.txt"), "y");
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("z.txt"), "z");
        SourceRoot root = folder(dir);
        RetryPlan plan = planOf(List.of("a.txt", "d", "gone.txt", "z.txt"));

        assertEquals(List.of("a.txt", "d/e/x.txt", "d/y.txt", "gone.txt", "z.txt"), after(plan, root, null));
        assertEquals(List.of("d/e/x.txt", "d/y.txt", "gone.txt", "z.txt"), after(plan, root, "a.txt"));
        assertEquals(List.of("d/y.txt", "gone.txt", "z.txt"), after(plan, root, "d/e/x.txt"));
        assertEquals(List.of("z.txt"), after(plan, root, "gone.txt"));
        assertEquals(List.of(), after(plan, root, "z.txt"));
        assertEquals(4, plan.tally(0, root).files(), "what is gone counts for nothing");
    }

    @Test
    void aPlanLongerThanAPageIsReadPageByPage() throws IOException {
        Path dir = Files.createTempDirectory("tf-plan");
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < RetryPlan.PAGE * 2 + 7; i++) {
            String name = String.format("f%05d", i);
            Files.writeString(dir.resolve(name), name);
            paths.add(name);
        }
        RetryPlan plan = planOf(paths);

        assertEquals(paths, after(plan, folder(dir), null));
        assertEquals(paths.subList(RetryPlan.PAGE + 1, paths.size()), after(plan, folder(dir), paths.get(RetryPlan.PAGE)));
    }
}
