package io.tapeflow.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Copies one regular file so that the target name only ever holds a complete, flushed copy: the bytes go to a
 * hidden temp file beside the target ({@code .<name>.tapeflow-<token>.part}), are flushed, get the source's
 * modification time, and only then are moved into place; the directory is flushed last. The checksum is computed
 * in the same read pass. A pause, stop or failure deletes the temp file and leaves the target untouched.
 *
 * <p>Not thread-safe: it reuses one direct buffer; use one copier per worker thread.
 */
public final class FileCopier {

    /** 1 MiB: large enough to stream at disk speed, small enough to answer a pause within a buffer. */
    public static final int DEFAULT_BUFFER_SIZE = 1 << 20;
    /**
     * From this size on the kernel copies the bytes (copy_file_range, no trip through user space) and both
     * files are then read back, from the page cache, to checksum the source and prove the copy equal:
     * about twice as fast on large files as one pass through a buffer, and every large copy verified.
     */
    static final long KERNEL_COPY_FROM = 16L << 20;

    private static final Pattern TEMP_NAME = Pattern.compile("^\\..*\\.tapeflow-[0-9a-f]{16}\\.part$", Pattern.DOTALL);
    // why: keeps the temp name under the usual 255-byte limit however long the target's name
    private static final int TEMP_NAME_PREFIX_BYTES = 100;

    private final ByteBuffer buffer;

    public FileCopier() {
        this(DEFAULT_BUFFER_SIZE);
    }

    public FileCopier(int bufferSize) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size must be positive, was " + bufferSize);
        }
        this.buffer = ByteBuffer.allocateDirect(bufferSize);
    }

    /**
     * Whether {@code path} names a temp file of an unfinished copy, left behind only by a crash; the runner may
     * delete such files when it resumes an execution.
     */
    public static boolean isTempFile(Path path) {
        Path name = path.getFileName();
        return name != null && TEMP_NAME.matcher(name.toString()).matches();
    }

    /**
     * Copies {@code source} (a regular file; a symbolic link to one is followed) to {@code target}, creating the
     * target's missing parent directories. The source is only read. Progress is reported as bytes are written, so a
     * copy that ends {@link CopyOutcome.Skipped} because a file appeared at the target meanwhile has reported bytes.
     *
     * @return {@link CopyResult} with where the copy landed, or {@link CopyOutcome.Skipped} when the target exists
     *         and the policy is {@link ConflictPolicy#IGNORE} (also when it appeared while the copy ran)
     * @throws TransferInterrupted when the options' control asks to pause or stop
     * @throws TransferFailure     with a human reason when the source or target fails
     */
    public CopyOutcome copy(Path source, Path target, CopyOptions options) {
        return stage(source, target, options).publish();
    }

    /**
     * The first half of {@link #copy}: the bytes stream into a temp file beside the target and are checksummed
     * (large ones read back and proven equal), nothing is flushed or named yet. {@link StagedCopy#publish()}
     * flushes and names it, on any thread; until then the target is untouched. Splitting the two lets a few
     * threads stream while many others wait on their flush, which a journaling file system commits together.
     *
     * @throws TransferInterrupted when the options' control asks to pause or stop
     * @throws TransferFailure     with a human reason when the source or target fails
     */
    public StagedCopy stage(Path source, Path target, CopyOptions options) {
        BasicFileAttributes before = io(() -> Files.readAttributes(source, BasicFileAttributes.class),
                e -> TransferFailure.source(source, e));
        if (!before.isRegularFile()) {
            throw TransferFailure.sourceNotRegular(source);
        }
        Path intended = target.toAbsolutePath();
        Resolution resolution = ConflictResolver.resolve(intended, options.conflictPolicy());
        if (resolution.action() == Resolution.Action.SKIP) {
            return StagedCopy.skipped(resolution.path());
        }
        TransferInterrupted.throwIfAsked(options.control());
        Directories.create(intended.getParent());
        Path temp = createTemp(intended);
        try (StreamingChecksum sum = options.checksum().start()) {
            long bytes = writeTemp(source, temp, intended, before, options, sum);
            return new StagedCopy(temp, intended, resolution, before.lastModifiedTime(), bytes, sum.hex(), options);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Flushes a staged temp file with the source's modification time and gives it its name under the
     * conflict policy; null when {@code ignore} found the name taken meanwhile. The temp file is gone after.
     */
    static Path flushAndPublish(Path temp, Path intended, Resolution resolution, FileTime mtime, CopyOptions options) {
        Path landed = null;
        try {
            io(() -> {
                Files.getFileAttributeView(temp, BasicFileAttributeView.class).setTimes(mtime, null, null);
                options.dataSync().flush(temp);
                return null;
            }, e -> TransferFailure.target(intended, e));
            landed = publish(temp, resolution, options.conflictPolicy(), intended);
            options.directorySync().published(intended.getParent());
            return landed;
        } finally {
            if (landed == null) { // why: a published temp file has become the target; only a left-over one is deleted
                deleteQuietly(temp);
            }
        }
    }

    /**
     * A fresh hidden temp file next to {@code intended} (its folder created), for a writer that is not a
     * file copy, such as a restore from tape; finish it with {@link #publishTemp}.
     */
    public static Path createTempFor(Path intended) {
        Directories.create(intended.toAbsolutePath().getParent());
        return createTemp(intended.toAbsolutePath());
    }

    /**
     * Moves a finished, flushed temp file to {@code intended} under the conflict policy and flushes the
     * folder, so the new name is durable; answers where it landed, or {@code null} when {@code ignore} kept
     * an existing file (the temp file is then deleted).
     */
    public static Path publishTemp(Path temp, Path intended, ConflictPolicy policy) {
        return publishTemp(temp, intended, policy, DirectorySync.IMMEDIATE);
    }

    /** {@link #publishTemp(Path, Path, ConflictPolicy)}, the folder flushed when {@code directorySync} says. */
    public static Path publishTemp(Path temp, Path intended, ConflictPolicy policy, DirectorySync directorySync) {
        Path landed = null;
        try {
            Resolution resolution = ConflictResolver.resolve(intended.toAbsolutePath(), policy);
            if (resolution.action() == Resolution.Action.SKIP) {
                return null;
            }
            landed = publish(temp, resolution, policy, intended.toAbsolutePath());
            directorySync.published(intended.toAbsolutePath().getParent());
            return landed;
        } finally {
            if (landed == null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Copies the bytes into {@code temp} and checks the source did not change meanwhile; flushing is {@link #flushAndPublish}'s. */
    private long writeTemp(Path source, Path temp, Path target, BasicFileAttributes before, CopyOptions options,
                           StreamingChecksum checksum) {
        try (FileChannel in = io(() -> FileChannel.open(source, StandardOpenOption.READ), e -> TransferFailure.source(source, e));
             FileChannel out = io(() -> FileChannel.open(temp, StandardOpenOption.WRITE), e -> TransferFailure.target(target, e))) {
            long bytes;
            if (!options.checksum().needsBytes()) {
                bytes = copyDirect(in, out, source, target, options);
            } else if (before.size() >= KERNEL_COPY_FROM) {
                bytes = copyDirect(in, out, source, target, options);
                readBack(in, checksum, options, source);
                try (FileChannel written = io(() -> FileChannel.open(temp, StandardOpenOption.READ), e -> TransferFailure.target(target, e));
                     StreamingChecksum copy = options.checksum().start()) {
                    readBack(written, copy, options, target);
                    if (!copy.hex().equals(checksum.hex())) {
                        throw TransferFailure.copyDiffers(source, target);
                    }
                }
            } else {
                bytes = copyThroughBuffer(in, out, source, target, options, checksum);
            }
            checkUnchanged(source, in, before, bytes);
            return bytes;
        } catch (IOException e) {
            // why: closing is where some network file systems report a failed write
            throw TransferFailure.target(target, e);
        }
    }

    private long copyThroughBuffer(FileChannel in, FileChannel out, Path source, Path target, CopyOptions options,
                                   StreamingChecksum checksum) {
        int chunk = options.bandwidth().chunkSize(buffer.capacity());
        long total = 0;
        while (true) {
            TransferInterrupted.throwIfAsked(options.control());
            buffer.clear().limit(chunk);
            int read = io(() -> in.read(buffer), e -> TransferFailure.source(source, e));
            if (read < 0) {
                return total;
            }
            buffer.flip();
            checksum.update(buffer);
            options.bandwidth().acquire(read, options.control());
            io(() -> {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                return null;
            }, e -> TransferFailure.target(target, e));
            total += read;
            options.progress().bytes(read);
        }
    }

    /** Feeds a whole file to a checksum, from its start, honouring pause and stop between buffers. */
    private void readBack(FileChannel channel, StreamingChecksum checksum, CopyOptions options, Path path) {
        long position = 0;
        while (true) {
            TransferInterrupted.throwIfAsked(options.control());
            buffer.clear();
            long at = position;
            int read = io(() -> channel.read(buffer, at), e -> TransferFailure.source(path, e));
            if (read < 0) {
                return;
            }
            buffer.flip();
            checksum.update(buffer);
            position += read;
        }
    }

    /** Without a checksum nobody needs the bytes: let the kernel move them (copy_file_range/sendfile). */
    private long copyDirect(FileChannel in, FileChannel out, Path source, Path target, CopyOptions options) {
        int chunk = options.bandwidth().chunkSize(buffer.capacity());
        long total = 0;
        while (true) {
            TransferInterrupted.throwIfAsked(options.control());
            long position = total;
            long moved = io(() -> in.transferTo(position, chunk, out), e -> TransferFailure.copy(source, target, e));
            if (moved <= 0) {
                return total;
            }
            options.bandwidth().acquire(moved, options.control());
            total += moved;
            options.progress().bytes(moved);
        }
    }

    /** A file written to while copied may be an inconsistent snapshot; refuse it rather than archive it. */
    private static void checkUnchanged(Path source, FileChannel in, BasicFileAttributes before, long bytes) {
        long sizeNow = io(in::size, e -> TransferFailure.source(source, e));
        if (bytes != before.size() || sizeNow != bytes) {
            throw TransferFailure.sourceChanged(source, "size was " + before.size() + " bytes, read " + bytes + ", now " + sizeNow);
        }
        FileTime modifiedNow;
        try {
            modifiedNow = Files.getLastModifiedTime(source);
        } catch (NoSuchFileException e) {
            return; // deleted or moved away after being read in full: the copy is still its complete content
        } catch (IOException e) {
            throw TransferFailure.source(source, e);
        }
        if (!modifiedNow.equals(before.lastModifiedTime())) {
            throw TransferFailure.sourceChanged(source, "modified at " + modifiedNow);
        }
    }

    /**
     * Moves the finished temp file into place. Overwrite replaces atomically; rename and ignore never replace a file
     * that appeared meanwhile (rename picks the next free number, ignore gives up and answers {@code null}).
     */
    private static Path publish(Path temp, Resolution resolution, ConflictPolicy policy, Path intended) {
        if (policy == ConflictPolicy.OVERWRITE) {
            io(() -> Files.move(temp, resolution.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING),
                    e -> TransferFailure.target(resolution.path(), e));
            return resolution.path();
        }
        Path candidate = resolution.path();
        while (!publishIfAbsent(temp, candidate)) {
            if (policy == ConflictPolicy.IGNORE) {
                return null;
            }
            candidate = ConflictResolver.firstFreeNumberedPath(intended);
        }
        return candidate;
    }

    /**
     * Gives the temp file the name {@code target} unless something is there; false if something is.
     * why: rename(2) — and so ATOMIC_MOVE even without REPLACE_EXISTING — silently replaces an existing file on
     * Linux, while link(2) fails atomically with EEXIST.
     */
    private static boolean publishIfAbsent(Path temp, Path target) {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            // why: some file systems (FAT, some SMB and FUSE mounts) have no hard links; check, then move (a small race)
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            io(() -> Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE), ex -> TransferFailure.target(target, ex));
            return true;
        }
        deleteQuietly(temp);
        return true;
    }

    private static Path createTemp(Path intended) {
        String prefix = "." + truncateUtf8(intended.getFileName().toString(), TEMP_NAME_PREFIX_BYTES) + ".tapeflow-";
        while (true) {
            Path temp = intended.resolveSibling(prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // another copy drew the same token: draw again
            } catch (IOException e) {
                throw TransferFailure.target(intended, e);
            }
        }
    }

    private static String truncateUtf8(String name, int maxBytes) {
        int end = 0;
        int bytes = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end);
    }

    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // why: the copy's own outcome matters more; a leftover temp file is recognisable by isTempFile
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    /** Runs one I/O step, turning an interrupt into a stop and any other I/O error into the given failure. */
    private static <T> T io(IoCall<T> call, Function<IOException, TransferFailure> failure) {
        try {
            return call.call();
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            throw new TransferInterrupted(TransferControl.Signal.STOP);
        } catch (IOException e) {
            throw failure.apply(e);
        }
    }
}
