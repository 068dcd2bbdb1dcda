package io.tapeflow.transfer;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileFlushTest {

    @TempDir
    Path dir;

    @Test
    void flushedFileKeepsItsBytesAndLeavesThePageCacheOnLinux() throws IOException {
        byte[] content = new byte[256 * PageResidency.PAGE];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("written.bin"), content);
        boolean linux = Platform.isLinux() && Platform.is64Bit();
        if (linux) {
            assertTrue(PageResidency.residentPages(file, content.length) > 0, "just written, the file is in the page cache");
        }

        FileFlush.flushAndRelease(file);

        assertEquals(linux, Libc.AVAILABLE);
        if (linux) {
            assertEquals(0, PageResidency.residentPages(file, content.length), "flushed and released, no page of it stays cached");
        }
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void missingFileIsReportedNotIgnored() {
        assertThrows(NoSuchFileException.class, () -> FileFlush.flushAndRelease(dir.resolve("absent")));
    }
}
