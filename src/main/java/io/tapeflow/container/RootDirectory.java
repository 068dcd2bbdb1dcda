package io.tapeflow.container;

import io.tapeflow.api.FieldErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks the directory an admin gives as a container's {@code path}: it must be absolute, exist, be a
 * directory and be readable by the service. It is stored as its real path so that confinement
 * ({@link ContainerRoot}) compares against a path without links or {@code ..}.
 */
final class RootDirectory {

    private RootDirectory() {
    }

    /** The real path of the directory, or null with an {@code invalid} error on {@code path}. */
    static String validate(String raw, FieldErrors errors) {
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            return invalid(errors, "path is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            return invalid(errors, "path must be an absolute directory path, such as /srv/archive, not " + raw);
        }
        if (!Files.exists(path)) {
            return invalid(errors, "path " + raw + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            return invalid(errors, "path " + raw + " is not a directory");
        }
        // Listing a directory needs both read and search (x) permission.
        if (!Files.isReadable(path) || !Files.isExecutable(path)) {
            return invalid(errors, "path " + raw + " is not readable by the Tapeflow service (user "
                    + System.getProperty("user.name") + ")");
        }
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return invalid(errors, "path " + raw + " cannot be resolved: " + e.getMessage());
        }
    }

    private static String invalid(FieldErrors errors, String message) {
        errors.add("path", "invalid", message);
        return null;
    }
}
