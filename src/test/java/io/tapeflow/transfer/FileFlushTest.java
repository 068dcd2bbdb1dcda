package io.tapeflow.transfer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
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

    /** What the test reads of the page cache: which pages of a file are resident (mmap + mincore, no page touched). */
    interface Residency extends Library {
        Residency LIBC = Native.load(Platform.C_LIBRARY_NAME, Residency.class);

        int open(String path, int flags);

        int close(int fd);

        Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset);

        int munmap(Pointer address, long length);

        int mincore(Pointer address, long length, byte[] residentPages);
    }

    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void flushedFileKeepsItsBytesAndLeavesThePageCacheOnLinux() throws IOException {
        byte[] content = new byte[256 * PAGE];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("written.bin"), content);
        boolean linux = Platform.isLinux() && Platform.is64Bit();
        if (linux) {
            assertTrue(residentPages(file, content.length) > 0, "just written, the file is in the page cache");
        }

        FileFlush.flushAndRelease(file);

        assertEquals(linux, FileFlush.isNative());
        if (linux) {
            assertEquals(0, residentPages(file, content.length), "flushed and released, no page of it stays cached");
        }
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void missingFileIsReportedNotIgnored() {
        assertThrows(NoSuchFileException.class, () -> FileFlush.flushAndRelease(dir.resolve("absent")));
    }

    private static int residentPages(Path file, int length) {
        int fd = Residency.LIBC.open(file.toString(), 0);
        assertTrue(fd >= 0, "open " + file);
        try {
            Pointer mapped = Residency.LIBC.mmap(null, length, PROT_READ, MAP_SHARED, fd, 0);
            assertTrue(Pointer.nativeValue(mapped) != -1, "mmap " + file);
            try {
                byte[] resident = new byte[(length + PAGE - 1) / PAGE];
                assertEquals(0, Residency.LIBC.mincore(mapped, length, resident), "mincore");
                int count = 0;
                for (byte page : resident) {
                    count += page & 1;
                }
                return count;
            } finally {
                Residency.LIBC.munmap(mapped, length);
            }
        } finally {
            Residency.LIBC.close(fd);
        }
    }
}
