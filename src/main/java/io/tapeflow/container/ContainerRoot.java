package io.tapeflow.container;

import io.tapeflow.api.ApiException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The root directory of a container, and the one way to name a file inside it: everything that takes
 * a container-relative path (the API, the transfer runner) turns it into a file system path with
 * {@link #resolve}, which never lets it leave the root. {@code ..} segments and NUL bytes are refused;
 * so is any path whose real location, once the links among its existing components are resolved, is
 * outside the root: a link that points outside the container (or nowhere) is refused, never followed.
 *
 * <p>The check is made against the file system when {@code resolve} runs. Someone who can write into
 * the container could swap a directory for a link afterwards, so code that writes should still open
 * the last component with {@link LinkOption#NOFOLLOW_LINKS}.
 */
public final class ContainerRoot {

    private static final String FIELD = "path";

    private final String name;
    private final Path root;
    /** The identity (device, inode) of the root when it last passed the full check of {@link #availableRoot}. */
    private volatile Object verifiedRootKey;

    private ContainerRoot(String name, Path root) {
        this.name = name;
        this.root = root;
    }

    /** The root of a container, whose stored path is already a real, absolute path (see {@link RootDirectory}). */
    public static ContainerRoot of(Container container) {
        return new ContainerRoot(container.name(), Path.of(container.path()));
    }

    /** The root directory. */
    public Path path() {
        return root;
    }

    /**
     * The absolute location of a container-relative path such as {@code /a/b} or {@code a/b}
     * ({@code /} and the empty string name the root; empty and {@code .} segments are skipped). The
     * part that exists is returned as its real path, links inside the container resolved; the rest,
     * which a writer may create, is appended as given.
     *
     * @throws ApiException 422 (field {@code path}) when the path holds {@code ..} or NUL or its real
     *                      location leaves the root; 409 when the container's directory is unavailable
     */
    public Path resolve(String containerRelativePath) {
        List<String> segments = segments(Objects.requireNonNull(containerRelativePath, "containerRelativePath"));
        Path existing = availableRoot();
        int next = 0;
        boolean throughLink = false;
        // lstat sees a link as itself; links among earlier components are followed by the kernel, and
        // toRealPath below resolves them all before the containment check.
        for (BasicFileAttributes found; next < segments.size()
                && (found = attributesNoFollow(existing.resolve(segments.get(next)))) != null; next++) {
            throughLink |= found.isSymbolicLink();
            existing = existing.resolve(segments.get(next));
        }
        // why: below a real root, a path none of whose components is a link is its own real path; sparing
        // the realpath(3) walk from / matters to a run that resolves every file it writes
        Path resolved = throughLink ? realPath(existing, containerRelativePath) : existing;
        if (!contains(resolved)) {
            throw refused("path " + containerRelativePath + " leads outside container " + name
                    + " through a symbolic link");
        }
        for (; next < segments.size(); next++) {
            resolved = resolved.resolve(segments.get(next));
        }
        return resolved;
    }

    /**
     * Whether a path lies within the root, compared component by component. Pass a real path (links
     * resolved, as {@link #resolve} returns): the comparison is lexical.
     */
    public boolean contains(Path realPath) {
        return realPath.isAbsolute() && realPath.normalize().startsWith(root);
    }

    /**
     * The container-relative form ({@code /a/b}, {@code /} for the root) of an absolute path inside
     * the root, such as one {@link #resolve} returned or one found while walking the root.
     *
     * @throws IllegalArgumentException when the path is not inside the root
     */
    public String relativize(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        if (!normalized.startsWith(root)) {
            throw new IllegalArgumentException(path + " is not inside container " + name + " (" + root + ")");
        }
        List<String> names = new ArrayList<>();
        root.relativize(normalized).forEach(part -> names.add(part.toString()));
        return "/" + String.join("/", names.stream().filter(part -> !part.isEmpty()).toList());
    }

    /**
     * Whether the service can create files at the root. Checked by creating and deleting a probe
     * file, because permission bits miss read-only mounts, ACLs and NFS root squashing.
     */
    public boolean isWritable() {
        try {
            Path probe = Files.createTempFile(availableRoot(), ".tapeflow-write-probe-", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | ApiException e) {
            return false;
        }
    }

    private static List<String> segments(String path) {
        if (path.indexOf('\0') >= 0) {
            throw refused("path must not contain NUL characters");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw refused("path must not contain .. segments: " + path);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /**
     * The root, once it is known to still be the directory it was (not removed, not replaced by a link). After
     * one full check, one stat that finds the same directory (device and inode) through the path suffices.
     */
    private Path availableRoot() {
        try {
            BasicFileAttributes found = Files.readAttributes(root, BasicFileAttributes.class);
            Object key = found.fileKey();
            if (found.isDirectory() && key != null && key.equals(verifiedRootKey)) {
                return root;
            }
            if (root.toRealPath().equals(root) && Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                verifiedRootKey = key;
                return root;
            }
        } catch (IOException e) {
            // reported below
        }
        throw ApiException.conflict("container " + name + " is unavailable: its directory " + root
                + " is missing or is no longer a directory");
    }

    /** What is at {@code path} itself (a link as a link); null when nothing is. */
    private static BasicFileAttributes attributesNoFollow(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // Missing, or not reachable (a file used as a directory, a link loop): nothing there to follow.
            return null;
        }
    }

    private Path realPath(Path existing, String containerRelativePath) {
        try {
            return existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused("path " + containerRelativePath + " goes through a symbolic link that points to nothing");
        } catch (IOException e) {
            throw refused("path " + containerRelativePath + " cannot be resolved in container " + name + ": " + e.getMessage());
        }
    }

    private static ApiException refused(String message) {
        return ApiException.invalid(FIELD, "invalid", message);
    }
}
