package io.tapeflow.container;

import io.micronaut.http.HttpStatus;
import io.tapeflow.api.ApiError;
import io.tapeflow.api.ApiException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Lists one directory of a container, a page at a time, sorted by name. Entries are read without
 * following links: a link is listed as what it points to when that lies inside the container, and
 * left out when it points outside or nowhere (following it would show data from outside the root).
 * Entries that are neither files nor folders (sockets, pipes, devices) cannot be archived and are
 * left out too. Memory stays bounded by {@code offset + limit}, however large the directory.
 */
final class DirectoryListing {

    private static final Comparator<ContainerFile> BY_NAME = Comparator.comparing(ContainerFile::name);

    private DirectoryListing() {
    }

    static ContainerFileList list(Container container, FileListQuery query) {
        ContainerRoot root = ContainerRoot.of(container);
        Path directory = root.resolve(query.path());
        String base = root.relativize(directory);
        // The page is the smallest offset + limit names: keep them in a max-heap, drop the largest.
        long keep = query.limit() == 0 ? 0 : Math.min(query.offset() + query.limit(), Integer.MAX_VALUE);
        PriorityQueue<ContainerFile> smallest = new PriorityQueue<>(BY_NAME.reversed());
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Optional<ContainerFile> file = describe(root, entry, base);
                if (file.isPresent()) {
                    count++;
                    smallest.add(file.get());
                    if (smallest.size() > keep) {
                        smallest.poll();
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, ApiError.of("folder " + base + " not found in container " + container.name()));
        } catch (NotDirectoryException e) {
            throw ApiException.invalid("path", "invalid", base + " is a file, not a folder");
        } catch (AccessDeniedException e) {
            throw ApiException.invalid("path", "invalid", "folder " + base + " is not readable by the Tapeflow service");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ContainerFile> page = new ArrayList<>(smallest);
        page.sort(BY_NAME);
        return new ContainerFileList(count, page.subList((int) Math.min(query.offset(), page.size()), page.size()));
    }

    private static Optional<ContainerFile> describe(ContainerRoot root, Path entry, String base) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                Path target = entry.toRealPath();
                if (!root.contains(target)) {
                    return Optional.empty();
                }
                attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            if (!attributes.isDirectory() && !attributes.isRegularFile()) {
                return Optional.empty();
            }
            String name = entry.getFileName().toString();
            boolean folder = attributes.isDirectory();
            return Optional.of(new ContainerFile(name, (base.equals("/") ? "" : base) + "/" + name,
                    folder ? FileType.folder : FileType.file, folder ? 0 : attributes.size(),
                    attributes.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            // Removed while the directory was read, or a dangling or looping link: not listable.
            return Optional.empty();
        }
    }
}
