package io.tapeflow.library.virtual;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Reads and atomically replaces the small properties files of a virtual library, so another process never sees half of one. */
final class PropertiesFiles {

    private PropertiesFiles() {
    }

    static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static void write(Path file, Properties properties, String comment) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(writer, comment);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static long longValue(Properties properties, String key, Path file) throws IOException {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IOException(file + " lacks '" + key + "'");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": '" + key + "' is not a number: " + value, e);
        }
    }
}
