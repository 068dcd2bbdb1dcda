package io.tapeflow.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/** Real directory trees for container tests: temp directories, files of a given size, links. */
final class Trees {

    private Trees() {
    }

    /** A new empty directory, given as its real path (the form containers store). */
    static Path directory(String prefix) {
        try {
            return Files.createTempDirectory("tapeflow-" + prefix).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path folder(Path parent, String relative) {
        try {
            return Files.createDirectories(parent.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of {@code size} bytes, its parents created. */
    static Path file(Path parent, String relative, int size) {
        try {
            Path file = parent.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.write(file, new byte[size]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path link(Path parent, String name, Path target) {
        try {
            return Files.createSymbolicLink(parent.resolve(name), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A container record on the directory, as the service would have stored it. */
    static Container container(String name, Path root) {
        Instant now = Instant.now();
        return new Container(1L, name, null, ContainerType.local, root.toString(), 0, 0, 0, null, now, now, "admin", "admin");
    }

    /** Deletes a tree without following links out of it. */
    static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
