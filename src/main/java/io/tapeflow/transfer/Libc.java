package io.tapeflow.transfer;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The few libc calls Java does not offer, bound directly (JNA direct mapping: no proxy per call). */
final class Libc {

    private static final Logger LOG = LoggerFactory.getLogger(Libc.class);

    static final int POSIX_FADV_WILLNEED = 3;
    static final int POSIX_FADV_DONTNEED = 4;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    // why: the bytes Java itself gives a path's name when it calls the kernel
    private static final Charset PATH_CHARSET = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    static native int open(byte[] path, int flags) throws LastErrorException;

    static native int fsync(int fd) throws LastErrorException;

    static native int syncfs(int fd) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    /** Answers an error number itself rather than setting errno. */
    static native int posix_fadvise(int fd, long offset, long length, int advice);

    /** Whether the calls are bound: 64-bit Linux only, where off_t is 64 bits wide and the open flags are the ones above. */
    static final boolean AVAILABLE = load();

    private Libc() {
    }

    private static boolean load() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return false;
        }
        try {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("libc not reachable through JNA ({}): files are flushed one by one, without page cache advice", e.toString());
            return false;
        }
    }

    static int openReadOnly(Path file) throws IOException {
        byte[] name = file.toString().getBytes(PATH_CHARSET);
        byte[] cString = new byte[name.length + 1];
        System.arraycopy(name, 0, cString, 0, name.length);
        try {
            return open(cString, O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw failure(file, e);
        }
    }

    static void sync(int fd, Path file) throws IOException {
        try {
            fsync(fd);
        } catch (LastErrorException e) {
            throw failure(file, e);
        }
    }

    /**
     * Gives the kernel page cache advice about the first {@code length} bytes of {@code file} (0: all of it), where
     * the calls are bound. Only advice: a file that cannot be opened is left as it is.
     */
    static void adviseQuietly(Path file, long length, int advice) {
        if (!AVAILABLE) {
            return;
        }
        try {
            int fd = openReadOnly(file);
            posix_fadvise(fd, 0, length, advice);
            closeQuietly(fd);
        } catch (IOException e) {
            // why: advice changes no data; whoever uses the file next reports what is wrong with it
        }
    }

    static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException e) {
            // why: nothing is written through these descriptors (opened read-only): a failed close loses nothing
        }
    }

    private static IOException failure(Path file, LastErrorException e) {
        String reason = e.getMessage();
        return switch (e.getErrorCode()) {
            case ENOENT -> new NoSuchFileException(file.toString());
            case EACCES -> new AccessDeniedException(file.toString());
            default -> new FileSystemException(file.toString(), null, reason);
        };
    }
}
