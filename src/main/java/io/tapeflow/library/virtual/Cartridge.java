package io.tapeflow.library.virtual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One virtual cartridge: a directory holding {@code cartridge.properties} and its tape files as numbered images
 * ({@code 000000.tapefile}, ...). The directory moves between slots and drives; this reads it where it is now.
 */
final class Cartridge {

    static final String PROPERTIES = "cartridge.properties";
    static final String IMAGE_SUFFIX = ".tapefile";
    static final String WRITING_SUFFIX = ".writing";

    private final Path dir;
    private final Properties properties;

    private Cartridge(Path dir, Properties properties) {
        this.dir = dir;
        this.properties = properties;
    }

    static Cartridge create(Path dir, String barcode, String type, long capacityBytes) throws IOException {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacityBytes);
        }
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.setProperty("barcode", barcode);
        properties.setProperty("type", type);
        properties.setProperty("capacity", Long.toString(capacityBytes));
        properties.setProperty("write_protect", "false");
        PropertiesFiles.write(dir.resolve(PROPERTIES), properties, "virtual cartridge");
        return new Cartridge(dir, properties);
    }

    static Cartridge at(Path dir) throws IOException {
        return new Cartridge(dir, PropertiesFiles.read(dir.resolve(PROPERTIES)));
    }

    Path dir() {
        return dir;
    }

    String barcode() {
        return properties.getProperty("barcode", dir.getFileName().toString());
    }

    long capacity() throws IOException {
        return PropertiesFiles.longValue(properties, "capacity", dir.resolve(PROPERTIES));
    }

    boolean writeProtected() {
        return Boolean.parseBoolean(properties.getProperty("write_protect", "false"));
    }

    void setWriteProtected(boolean writeProtected) throws IOException {
        properties.setProperty("write_protect", Boolean.toString(writeProtected));
        PropertiesFiles.write(dir.resolve(PROPERTIES), properties, "virtual cartridge");
    }

    static String imageName(int fileNumber) {
        return String.format("%06d%s", fileNumber, IMAGE_SUFFIX);
    }

    Path image(int fileNumber) {
        return dir.resolve(imageName(fileNumber));
    }

    /** How many tape files the cartridge holds: images are numbered without gaps from 0. */
    int fileCount() {
        int count = 0;
        while (Files.exists(image(count))) {
            count++;
        }
        return count;
    }

    /** Sum of the complete images below {@code fileNumber}. */
    long usedBefore(int fileNumber) throws IOException {
        long used = 0;
        for (int i = 0; i < fileNumber && Files.exists(image(i)); i++) {
            used += Files.size(image(i));
        }
        return used;
    }

    long used() throws IOException {
        return usedBefore(Integer.MAX_VALUE);
    }

    /** Deletes every image from {@code fileNumber} on and any leftover of an interrupted write: a write there truncates the tape. */
    void truncateFrom(int fileNumber) throws IOException {
        List<Path> doomed = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                if (name.endsWith(WRITING_SUFFIX)) {
                    doomed.add(file);
                } else if (name.endsWith(IMAGE_SUFFIX) && number(name) >= fileNumber) {
                    doomed.add(file);
                }
            });
        }
        // why: delete from the end so a crash midway still leaves images numbered without gaps
        doomed.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        for (Path file : doomed) {
            Files.deleteIfExists(file);
        }
    }

    private static int number(String imageName) {
        try {
            return Integer.parseInt(imageName.substring(0, imageName.length() - IMAGE_SUFFIX.length()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
