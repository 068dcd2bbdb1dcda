package io.tapeflow.library.virtual;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import io.tapeflow.transfer.ConflictPolicy;
import io.tapeflow.transfer.FileCopier;
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

    /** Replaces the file atomically and durably; the temp name is unique, as two processes may share a library. */
    static void write(Path file, Properties properties, String comment) throws IOException {
        Path temp = FileCopier.createTempFor(file);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
             Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
            properties.store(writer, comment);
            writer.flush();
            channel.force(true);
        }
        FileCopier.publishTemp(temp, file, ConflictPolicy.OVERWRITE);
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
