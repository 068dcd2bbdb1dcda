package io.tapeflow.transfer;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReadAheadTest {

    @TempDir
    Path dir;

    @Test
    void aFileOutOfTheCacheIsReadBackInBeforeAnyoneReadsIt() throws Exception {
        assumeTrue(Platform.isLinux() && Platform.is64Bit(), "posix_fadvise is Linux's");
        byte[] content = new byte[64 * PageResidency.PAGE];
        new Random(11).nextBytes(content);
        Path file = Files.write(dir.resolve("cold.bin"), content);
        FileFlush.flushAndRelease(file);
        assertEquals(0, PageResidency.residentPages(file, content.length));

        ReadAhead.willRead(file, content.length);

        // why: the kernel reads asynchronously; a cold read on any disk takes far less than this
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (PageResidency.residentPages(file, content.length) < content.length / PageResidency.PAGE && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(content.length / PageResidency.PAGE, PageResidency.residentPages(file, content.length));
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void onlyTheStartOfALargeFileIsAskedFor() throws Exception {
        assumeTrue(Platform.isLinux() && Platform.is64Bit(), "posix_fadvise is Linux's");
        int length = (int) (4 * ReadAhead.MAX_BYTES);
        Path file = Files.write(dir.resolve("large.bin"), new byte[length]);
        FileFlush.flushAndRelease(file);

        ReadAhead.willRead(file, length);

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (PageResidency.residentPages(file, length) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        int resident = PageResidency.residentPages(file, length);
        assertTrue(resident > 0 && resident <= ReadAhead.MAX_BYTES / PageResidency.PAGE + 32,
                "the first MiB is read ahead, not the whole file: " + resident + " pages");
    }

    @Test
    void aMissingFileIsIgnored() {
        ReadAhead.willRead(dir.resolve("absent"), 10);
    }
}
