package io.tapeflow.transfer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How many pages of a file are in the page cache, read without touching any (Linux: mmap + mincore). */
final class PageResidency {

    static final int PAGE = 4096;
    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;

    private PageResidency() {
    }

    /** What the test reads of the page cache: which pages of a file are resident (mmap + mincore, no page touched). */
    interface Libc extends Library {
        Libc INSTANCE = Native.load(Platform.C_LIBRARY_NAME, Libc.class);

        int open(String path, int flags);

        int close(int fd);

        Pointer mmap(Pointer address, long length, int protection, int flags, int fd, long offset);

        int munmap(Pointer address, long length);

        int mincore(Pointer address, long length, byte[] residentPages);
    }

    static int residentPages(Path file, int length) {
        int fd = Libc.INSTANCE.open(file.toString(), 0);
        assertTrue(fd >= 0, "open " + file);
        try {
            Pointer mapped = Libc.INSTANCE.mmap(null, length, PROT_READ, MAP_SHARED, fd, 0);
            assertTrue(Pointer.nativeValue(mapped) != -1, "mmap " + file);
            try {
                byte[] resident = new byte[(length + PAGE - 1) / PAGE];
                assertEquals(0, Libc.INSTANCE.mincore(mapped, length, resident), "mincore");
                int count = 0;
                for (byte page : resident) {
                    count += page & 1;
                }
                return count;
            } finally {
                Libc.INSTANCE.munmap(mapped, length);
            }
        } finally {
            Libc.INSTANCE.close(fd);
        }
    }
}
