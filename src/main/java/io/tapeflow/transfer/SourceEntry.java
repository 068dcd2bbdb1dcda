package io.tapeflow.transfer;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * One thing found under a source by {@link SourceWalker}.
 *
 * @param kind     what it is; only {@link Kind#FILE} and {@link Kind#EMPTY_DIRECTORY} are to be transferred
 * @param absolute where it is
 * @param relative its path below the walked root, {@code '/'}-separated; the file's own name when the root is a file
 * @param size     bytes of a file, 0 otherwise
 * @param mtime    last modification time
 */
public record SourceEntry(Kind kind, Path absolute, String relative, long size, FileTime mtime) {

    /** What an entry is. */
    public enum Kind {
        /** A regular file: copy it. */
        FILE,
        /** A directory with nothing in it: recreate it (directories with content are implied by their files). */
        EMPTY_DIRECTORY,
        /** A symbolic link: never followed; the runner logs it as skipped. */
        SYMLINK,
        /** A directory whose content could not be listed (permission denied, I/O error): the runner logs it. */
        UNREADABLE_DIRECTORY,
        /** A socket, pipe or device: not archivable; the runner logs it as skipped. */
        OTHER,
        /** A path a retry names that is no longer there (never reported by a walk): it fails again. */
        MISSING
    }

    /** The entry for {@code path}, of the kind its attributes (read without following a link) say. */
    public static SourceEntry of(Path path, String relative, BasicFileAttributes attributes) {
        Kind kind = attributes.isSymbolicLink() ? Kind.SYMLINK
                : attributes.isRegularFile() ? Kind.FILE
                : attributes.isDirectory() ? Kind.EMPTY_DIRECTORY
                : Kind.OTHER;
        long size = kind == Kind.FILE ? attributes.size() : 0;
        return new SourceEntry(kind, path, relative, size, attributes.lastModifiedTime());
    }

    /** A path that is not there. */
    public static SourceEntry missing(Path path, String relative) {
        return new SourceEntry(Kind.MISSING, path, relative, 0, FileTime.fromMillis(0));
    }

    /** Whether this is a directory to recreate. */
    public boolean directory() {
        return kind == Kind.EMPTY_DIRECTORY;
    }
}
