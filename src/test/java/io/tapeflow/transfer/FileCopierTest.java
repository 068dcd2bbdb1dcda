package io.tapeflow.transfer;

import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class FileCopierTest {

    private static final int MB = 1_000_000;

    @TempDir
    Path src;
    @TempDir
    Path dst;

    private final FileCopier copier = new FileCopier();

    @Test
    void anEmptyFileIsCopiedWithTheChecksumOfNothing() throws IOException {
        Path source = Files.createFile(src.resolve("empty"));

        CopyResult result = copied(copier.copy(source, dst.resolve("empty"), CopyOptions.defaults()));

        assertEquals(new CopyResult(dst.resolve("empty"), 0, "ef46db3751d8e999", ChecksumType.xxhash64), result);
        assertEquals(0, Files.size(dst.resolve("empty")));
    }

    @Test
    void aLargeRandomFileArrivesByteForByteWithTheChecksumOfItsContent() throws Exception {
        byte[] data = randomFile(src.resolve("big.bin"), 20 * MB);
        AtomicLong progress = new AtomicLong();

        CopyResult result = copied(copier.copy(src.resolve("big.bin"), dst.resolve("big.bin"),
                CopyOptions.defaults().withProgress(progress::addAndGet)));

        assertArrayEquals(data, Files.readAllBytes(dst.resolve("big.bin")));
        assertEquals(data.length, result.bytes());
        assertEquals(data.length, progress.get());
        assertEquals(HexFormat.of().toHexDigits(XXHashFactory.safeInstance().hash64().hash(data, 0, data.length, 0)), result.checksum());
        assertNoTempFiles(dst);
    }

    @Test
    void thePublishedCopysDirectoryIsHandedToTheDirectorySyncChosen() throws Exception {
        randomFile(src.resolve("a.bin"), 1000);
        java.util.List<Path> published = new java.util.concurrent.CopyOnWriteArrayList<>();

        copier.copy(src.resolve("a.bin"), dst.resolve("sub/a.bin"), CopyOptions.defaults().withDirectorySync(published::add));

        assertEquals(java.util.List.of(dst.resolve("sub").toAbsolutePath()), published);
    }

    @Test
    void filesCopiedByTheKernelAreStillChecksummedWithTheChosenAlgorithm() throws Exception {
        byte[] data = randomFile(src.resolve("kernel.bin"), (int) FileCopier.KERNEL_COPY_FROM + 123);

        CopyResult result = copied(copier.copy(src.resolve("kernel.bin"), dst.resolve("kernel.bin"),
                CopyOptions.defaults().withChecksum(ChecksumType.md5)));

        assertArrayEquals(data, Files.readAllBytes(dst.resolve("kernel.bin")));
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data)), result.checksum());
        assertNoTempFiles(dst);
    }

    @Test
    void sha256IsComputedInTheSamePassWhenAsked() throws Exception {
        byte[] data = randomFile(src.resolve("f"), 3 * MB + 5);

        CopyResult result = copied(copier.copy(src.resolve("f"), dst.resolve("f"), CopyOptions.defaults().withChecksum(ChecksumType.sha256)));

        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), result.checksum());
        assertEquals(ChecksumType.sha256, result.type());
    }

    @Test
    void withoutChecksumTheKernelCopiesAndTheResultHasNoChecksum() throws IOException {
        byte[] data = randomFile(src.resolve("f"), 5 * MB);
        AtomicLong progress = new AtomicLong();

        CopyResult result = copied(copier.copy(src.resolve("f"), dst.resolve("f"),
                CopyOptions.defaults().withChecksum(ChecksumType.none).withProgress(progress::addAndGet)));

        assertNull(result.checksum());
        assertEquals(data.length, progress.get());
        assertArrayEquals(data, Files.readAllBytes(dst.resolve("f")));
    }

    @Test
    void theSourceModificationTimeIsKeptOnTheTargetAndTheSourceIsUntouched() throws IOException {
        byte[] data = randomFile(src.resolve("dated.txt"), 1000);
        FileTime mtime = FileTime.from(Instant.parse("2001-02-03T04:05:06.123456789Z"));
        Files.setLastModifiedTime(src.resolve("dated.txt"), mtime);

        copier.copy(src.resolve("dated.txt"), dst.resolve("dated.txt"), CopyOptions.defaults());

        assertEquals(mtime, Files.getLastModifiedTime(dst.resolve("dated.txt")));
        assertEquals(mtime, Files.getLastModifiedTime(src.resolve("dated.txt")));
        assertArrayEquals(data, Files.readAllBytes(src.resolve("dated.txt")));
    }

    @Test
    void unicodeAndSpacesInNamesAndMissingTargetDirectoriesAreFine() throws IOException {
        Path source = Files.createDirectories(src.resolve("dossier été")).resolve("résumé 名前 🎞 v1.final.txt");
        Files.writeString(source, "contenu");
        Path target = dst.resolve("a b/c/ñ/d").resolve(source.getFileName().toString());

        CopyResult result = copied(copier.copy(source, target, CopyOptions.defaults()));

        assertEquals(target, result.finalTarget());
        assertEquals("contenu", Files.readString(target));
    }

    @Test
    void renameWritesBesideExistingCopiesWithTheNextFreeNumber() throws IOException {
        Files.writeString(src.resolve("report.pdf"), "new");
        Files.writeString(dst.resolve("report.pdf"), "v0");
        Files.writeString(dst.resolve("report (1).pdf"), "v1");

        CopyResult result = copied(copier.copy(src.resolve("report.pdf"), dst.resolve("report.pdf"), CopyOptions.defaults()));

        assertEquals(dst.resolve("report (2).pdf"), result.finalTarget());
        assertEquals("new", Files.readString(dst.resolve("report (2).pdf")));
        assertEquals("v0", Files.readString(dst.resolve("report.pdf")));
        assertEquals("v1", Files.readString(dst.resolve("report (1).pdf")));
    }

    @Test
    void overwriteReplacesTheExistingFile() throws IOException {
        Files.writeString(src.resolve("a.txt"), "new content");
        Files.writeString(dst.resolve("a.txt"), "old");

        CopyResult result = copied(copier.copy(src.resolve("a.txt"), dst.resolve("a.txt"),
                CopyOptions.defaults().withConflictPolicy(ConflictPolicy.OVERWRITE)));

        assertEquals(dst.resolve("a.txt"), result.finalTarget());
        assertEquals("new content", Files.readString(dst.resolve("a.txt")));
        assertEquals(List.of("a.txt"), names(dst));
    }

    @Test
    void ignoreSkipsAndLeavesTheExistingBytes() throws IOException {
        Files.writeString(src.resolve("a.txt"), "new content");
        Files.writeString(dst.resolve("a.txt"), "old");

        CopyOutcome outcome = copier.copy(src.resolve("a.txt"), dst.resolve("a.txt"),
                CopyOptions.defaults().withConflictPolicy(ConflictPolicy.IGNORE));

        assertEquals(new CopyOutcome.Skipped(dst.resolve("a.txt")), outcome);
        assertEquals("old", Files.readString(dst.resolve("a.txt")));
        assertEquals(List.of("a.txt"), names(dst));
    }

    @Test
    void renameDoesNotClobberAFileThatAppearedWhileCopying() throws IOException {
        randomFile(src.resolve("race.bin"), 3 * MB);
        Path target = dst.resolve("race.bin");

        CopyResult result = copied(copier.copy(src.resolve("race.bin"), target,
                CopyOptions.defaults().withControl(appearsOnce(target, "theirs"))));

        assertEquals(dst.resolve("race (1).bin"), result.finalTarget());
        assertEquals("theirs", Files.readString(target));
        assertEquals(List.of("race (1).bin", "race.bin"), names(dst));
    }

    @Test
    void ignoreSkipsAFileThatAppearedWhileCopyingAndLeavesNothingBehind() throws IOException {
        randomFile(src.resolve("race.bin"), 3 * MB);
        Path target = dst.resolve("race.bin");

        CopyOutcome outcome = copier.copy(src.resolve("race.bin"), target,
                CopyOptions.defaults().withConflictPolicy(ConflictPolicy.IGNORE).withControl(appearsOnce(target, "theirs")));

        assertEquals(new CopyOutcome.Skipped(target), outcome);
        assertEquals("theirs", Files.readString(target));
        assertEquals(List.of("race.bin"), names(dst));
    }

    @ParameterizedTest
    @EnumSource(value = TransferControl.Signal.class, names = {"PAUSE", "STOP"})
    void aSignalMidCopyOfAThrottledFileLandsPromptlyAndLeavesNoFile(TransferControl.Signal signal) throws IOException {
        randomFile(src.resolve("big.bin"), 8 * MB);
        long start = System.nanoTime();
        TransferControl control = () -> System.nanoTime() - start > 300_000_000L ? signal : TransferControl.Signal.CONTINUE;
        AtomicLong progress = new AtomicLong();

        TransferInterrupted interrupted = assertThrows(TransferInterrupted.class, () -> copier.copy(src.resolve("big.bin"),
                dst.resolve("out/big.bin"), CopyOptions.defaults().withBandwidthLimit(4L * MB).withControl(control).withProgress(progress::addAndGet)));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(signal, interrupted.signal());
        assertTrue(elapsedMillis < 2000, "landed after " + elapsedMillis + " ms (the API promises ~2 s)");
        assertTrue(progress.get() > 0 && progress.get() < 8 * MB, "was mid-copy: " + progress.get());
        assertEquals(List.of(), names(dst.resolve("out")));
    }

    @Test
    void aStopIsHeardPromptlyWhileThrottledOnAVerySlowLimit() throws IOException {
        randomFile(src.resolve("f"), MB);
        long start = System.nanoTime();
        AtomicInteger checks = new AtomicInteger();
        TransferControl control = () -> {
            checks.incrementAndGet();
            return System.nanoTime() - start > 250_000_000L ? TransferControl.Signal.STOP : TransferControl.Signal.CONTINUE;
        };

        assertThrows(TransferInterrupted.class, () -> copier.copy(src.resolve("f"), dst.resolve("f"),
                CopyOptions.defaults().withBandwidthLimit(1000L).withControl(control)));

        // the first 8 KiB alone is paid for with an 8 s sleep at 1000 B/s: only sliced sleeping lands this early
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis < 1500, "landed after " + elapsedMillis + " ms");
        assertTrue(checks.get() >= 3, "asked " + checks.get() + " times");
        assertEquals(List.of(), names(dst));
    }

    @Test
    void anInterruptedThreadStopsTheCopy() throws IOException {
        randomFile(src.resolve("f"), 2 * MB);
        Thread.currentThread().interrupt();
        try {
            TransferInterrupted interrupted = assertThrows(TransferInterrupted.class,
                    () -> copier.copy(src.resolve("f"), dst.resolve("f"), CopyOptions.defaults()));
            assertEquals(TransferControl.Signal.STOP, interrupted.signal());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt stays visible to the caller");
        }
        assertEquals(List.of(), names(dst));
    }

    @Test
    void aVanishedSourceFailsWithAReasonAndLeavesNothing() throws IOException {
        TransferFailure failure = assertThrows(TransferFailure.class,
                () -> copier.copy(src.resolve("gone.txt"), dst.resolve("gone.txt"), CopyOptions.defaults()));

        assertEquals("source vanished: No such file or directory", failure.reason());
        assertEquals(src.resolve("gone.txt"), failure.path());
        assertFalse(failure.retryable());
        assertEquals(List.of(), names(dst));
    }

    @Test
    void anUnreadableSourceFailsWithAReasonAndLeavesNoTempFile() throws IOException {
        Path source = Files.writeString(src.resolve("secret.txt"), "x");
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(source), "running as root, which reads anything");

        TransferFailure failure = assertThrows(TransferFailure.class,
                () -> copier.copy(source, dst.resolve("secret.txt"), CopyOptions.defaults()));

        assertEquals("source is not readable: Permission denied", failure.reason());
        assertEquals(List.of(), names(dst));
    }

    @Test
    void aSourceWrittenToWhileCopiedIsRefusedAsRetryable() throws IOException {
        Path source = src.resolve("growing.log");
        randomFile(source, 3 * MB);
        AtomicInteger checks = new AtomicInteger();
        TransferControl appendOnSecondBuffer = () -> {
            if (checks.incrementAndGet() == 2) {
                append(source, "one more line\n");
            }
            return TransferControl.Signal.CONTINUE;
        };

        TransferFailure failure = assertThrows(TransferFailure.class, () -> copier.copy(source, dst.resolve("growing.log"),
                CopyOptions.defaults().withControl(appendOnSecondBuffer)));

        assertTrue(failure.reason().startsWith("source changed while being copied"), failure.reason());
        assertTrue(failure.retryable());
        assertEquals(List.of(), names(dst));
    }

    @Test
    void aDirectoryIsNotCopiedAsAFile() throws IOException {
        Path source = Files.createDirectory(src.resolve("d"));
        TransferFailure failure = assertThrows(TransferFailure.class, () -> copier.copy(source, dst.resolve("d"), CopyOptions.defaults()));
        assertEquals("source is not a regular file", failure.reason());
    }

    @Test
    void aFileInThePlaceOfATargetDirectoryFailsWithAReason() throws IOException {
        Files.writeString(src.resolve("a.txt"), "x");
        Files.writeString(dst.resolve("blocker"), "I am a file");

        TransferFailure failure = assertThrows(TransferFailure.class,
                () -> copier.copy(src.resolve("a.txt"), dst.resolve("blocker/sub/a.txt"), CopyOptions.defaults()));

        assertTrue(failure.reason().startsWith("target could not be written: "), failure.reason());
        assertFalse(failure.retryable());
    }

    @Test
    void aBandwidthLimitSlowsTheCopyDown() throws IOException {
        randomFile(src.resolve("f"), 2 * MB);
        long start = System.nanoTime();

        copier.copy(src.resolve("f"), dst.resolve("f"), CopyOptions.defaults().withBandwidthLimit(4L * MB));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 500 * 0.8, "2 MB at 4 MB/s took only " + elapsedMillis + " ms");
        assertTrue(elapsedMillis < 3000, "took " + elapsedMillis + " ms");
    }

    @Test
    void tempFilesAreHiddenAndRecognisable() {
        assertTrue(FileCopier.isTempFile(Path.of("/x/.report.pdf.tapeflow-0123456789abcdef.part")));
        assertFalse(FileCopier.isTempFile(Path.of("/x/report.pdf")));
        assertFalse(FileCopier.isTempFile(Path.of("/x/.report.pdf.part")));
    }

    @Test
    void aStagedCopyLeavesTheTargetUntouchedUntilItIsPublished() throws Exception {
        byte[] data = randomFile(src.resolve("a.bin"), 3 * MB);
        Files.writeString(dst.resolve("a.bin"), "old");

        StagedCopy staged = copier.stage(src.resolve("a.bin"), dst.resolve("a.bin"), CopyOptions.defaults().withConflictPolicy(ConflictPolicy.OVERWRITE));

        assertEquals("old", Files.readString(dst.resolve("a.bin")));
        CopyResult result = copied(staged.publish());
        assertEquals(dst.resolve("a.bin"), result.finalTarget());
        assertArrayEquals(data, Files.readAllBytes(dst.resolve("a.bin")));
        assertEquals(Files.getLastModifiedTime(src.resolve("a.bin")), Files.getLastModifiedTime(dst.resolve("a.bin")));
        assertNoTempFiles(dst);
    }

    @Test
    void aDiscardedStagedCopyLeavesNothingBehind() throws Exception {
        randomFile(src.resolve("a.bin"), 20 * MB);

        copier.stage(src.resolve("a.bin"), dst.resolve("sub/a.bin"), CopyOptions.defaults()).discard();

        try (Stream<Path> left = Files.list(dst.resolve("sub"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aNameTakenBetweenStagingAndPublishingIsKeptUnderIgnore() throws Exception {
        randomFile(src.resolve("a.bin"), 1000);
        StagedCopy staged = copier.stage(src.resolve("a.bin"), dst.resolve("a.bin"), CopyOptions.defaults().withConflictPolicy(ConflictPolicy.IGNORE));
        Files.writeString(dst.resolve("a.bin"), "arrived meanwhile");

        assertInstanceOf(CopyOutcome.Skipped.class, staged.publish());

        assertEquals("arrived meanwhile", Files.readString(dst.resolve("a.bin")));
        assertNoTempFiles(dst);
    }

    private static CopyResult copied(CopyOutcome outcome) {
        return assertInstanceOf(CopyResult.class, outcome);
    }

    /** A control that, once the copy is under way, puts a file at {@code target} as another writer would. */
    private static TransferControl appearsOnce(Path target, String content) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            if (calls.incrementAndGet() == 2) {
                try {
                    Files.writeString(target, content);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return TransferControl.Signal.CONTINUE;
        };
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomFile(Path path, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Files.write(path, data);
        return data;
    }

    /** Every name in the directory, temp files included, sorted. */
    private static List<String> names(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertNoTempFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(List.of(), list.filter(FileCopier::isTempFile).toList());
        }
    }
}
