package io.tapeflow.library.scsi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A fake {@code mtx} and {@code mt} (bash scripts from {@code /scsi-fakes}) installed in a test's bin
 * directory, called by absolute path; the mtx one replays and edits a recorded {@code mtx status}.
 */
final class FakeTapeTools {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Path bin;

    private FakeTapeTools(Path bin) {
        this.bin = bin;
    }

    /** Installs both tools, the mtx one replaying {@code /mtx/<fixture>}. */
    static FakeTapeTools install(Path tempDir, String fixture) throws IOException {
        Path bin = Files.createDirectories(tempDir.resolve("bin"));
        copy("/scsi-fakes/mtx", bin.resolve("mtx"));
        copy("/scsi-fakes/mt", bin.resolve("mt"));
        for (String tool : List.of("mtx", "mt")) {
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        copy("/mtx/" + fixture, bin.resolve("mtx.state"));
        return new FakeTapeTools(bin);
    }

    static String fixture(String name) {
        try (InputStream in = FakeTapeTools.class.getResourceAsStream("/mtx/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /mtx/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String mtx() {
        return bin.resolve("mtx").toString();
    }

    String mt() {
        return bin.resolve("mt").toString();
    }

    ScsiCommands commands() {
        return new ScsiCommands(mtx(), mt(), TIMEOUT);
    }

    /** Every mtx call's arguments, one string per call. */
    List<String> mtxCalls() throws IOException {
        return lines("mtx.log");
    }

    List<String> mtCalls() throws IOException {
        return lines("mt.log");
    }

    void clearLogs() throws IOException {
        Files.deleteIfExists(bin.resolve("mtx.log"));
        Files.deleteIfExists(bin.resolve("mt.log"));
    }

    /** From now on {@code mt <command>} prints {@code stderr} and exits 2. */
    void failMt(String command, String stderr) throws IOException {
        Files.writeString(bin.resolve("mt.fail." + command), stderr);
    }

    void writeProtect() throws IOException {
        Files.writeString(bin.resolve("mt.wrprot"), "");
    }

    void noMedium() throws IOException {
        Files.writeString(bin.resolve("mt.nomedium"), "");
    }

    void endOfDataAt(int fileNumber) throws IOException {
        Files.writeString(bin.resolve("mt.eod"), fileNumber + "\n");
    }

    private List<String> lines(String log) throws IOException {
        Path path = bin.resolve(log);
        return Files.exists(path) ? Files.readAllLines(path) : List.of();
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = FakeTapeTools.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
