package io.tapeflow.transfer;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupSyncTest {

    @TempDir
    Path dir;

    @Test
    void whoeverAsksDuringASyncIsCoveredByTheNextOneTogether() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger syncs = new AtomicInteger();
        GroupSync.FileSystemGroup group = new GroupSync.FileSystemGroup(dir, anchor -> {
            if (syncs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            return true;
        });
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(group::syncCovering, threads);
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Boolean>> later = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                later.add(CompletableFuture.supplyAsync(group::syncCovering, threads));
            }
            Thread.sleep(200); // why: let the three block behind the running sync; none may return before it ends
            assertFalse(later.stream().anyMatch(CompletableFuture::isDone), "a file written during a sync waits for the next one");
            releaseFirst.countDown();
            assertTrue(first.get(10, TimeUnit.SECONDS));
            for (CompletableFuture<Boolean> f : later) {
                assertTrue(f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(2, syncs.get(), "the three that waited share one sync");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void onlyKernelsWhoseSyncfsReportsWriteErrorsGroup() {
        assertTrue(GroupSync.reportsWriteErrors("5.8.0"));
        assertTrue(GroupSync.reportsWriteErrors("6.1.0-18-amd64"));
        assertTrue(GroupSync.reportsWriteErrors("10.0"));
        assertFalse(GroupSync.reportsWriteErrors("5.7.19"));
        assertFalse(GroupSync.reportsWriteErrors("4.19.0-26-amd64"));
        assertFalse(GroupSync.reportsWriteErrors("unknown"));
    }

    @Test
    void aFailedSyncTellsEveryFileItCovered() {
        GroupSync.FileSystemGroup group = new GroupSync.FileSystemGroup(dir, anchor -> false);
        assertFalse(group.syncCovering());
        assertFalse(group.syncCovering());
    }

    @Test
    void whenTheSyncFailsEachFileIsFlushedOnItsOwnAndTheOneThatFailsIsNamed() throws Exception {
        byte[] content = new byte[16 * PageResidency.PAGE];
        new Random(5).nextBytes(content);
        Path file = Files.write(dir.resolve("kept.bin"), content);
        GroupSync failing = new GroupSync(anchor -> false);

        failing.flush(file);

        if (Libc.AVAILABLE) {
            assertEquals(0, PageResidency.residentPages(file, content.length), "flushed on its own, then released");
        }
        assertArrayEquals(content, Files.readAllBytes(file));
        Path gone = dir.resolve("gone.bin");
        NoSuchFileException named = assertThrows(NoSuchFileException.class, () -> failing.flush(gone));
        assertEquals(gone.toString(), named.getFile());
    }

    @Test
    void aBatchOnOneFileSystemIsMadeDurableByOneSync() throws Exception {
        AtomicInteger syncs = new AtomicInteger();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Path folder = Files.createDirectories(dir.resolve("d" + i % 2));
            files.add(Files.write(folder.resolve("f" + i), new byte[]{(byte) i}));
        }

        new GroupSync(anchor -> syncs.incrementAndGet() > 0).flushAll(files);

        assertEquals(1, syncs.get());
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(new byte[]{(byte) i}, Files.readAllBytes(files.get(i)));
        }
    }

    @Test
    void manyThreadsFlushTheirFilesThroughRealSyncs() throws Exception {
        DataSync sync = GroupSync.create();
        if (Platform.isLinux() && Platform.is64Bit()) {
            assertInstanceOf(GroupSync.class, sync);
        }
        List<Path> files = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            byte[] content = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(content);
            Files.createDirectories(dir.resolve("d" + i % 7));
            files.add(Files.write(dir.resolve("d" + i % 7).resolve("f" + i), content));
            contents.add(content);
        }
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                List<CompletableFuture<Void>> flushed = new ArrayList<>();
                for (Path file : files) {
                    flushed.add(CompletableFuture.runAsync(() -> {
                        try {
                            sync.flush(file);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, threads));
                }
                CompletableFuture.allOf(flushed.toArray(CompletableFuture[]::new)).get();
            });
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(contents.get(i), Files.readAllBytes(files.get(i)));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
