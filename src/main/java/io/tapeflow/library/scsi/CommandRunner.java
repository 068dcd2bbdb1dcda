package io.tapeflow.library.scsi;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one external command ({@code mtx}, {@code mt}) to completion within a timeout and answers its stdout. */
final class CommandRunner {

    private final Duration timeout;

    CommandRunner(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    /** Answers stdout; a non-zero exit or a timeout is an IOException with the command line and its output. */
    String run(List<String> command) throws IOException {
        // why: files instead of pipes, so neither stream can fill up and block the command while we wait
        File out = File.createTempFile("tapeflow-cmd", ".out");
        File err = File.createTempFile("tapeflow-cmd", ".err");
        try {
            Process process = start(command, out, err);
            if (!waitFor(process)) {
                process.destroyForcibly();
                throw new IOException("`" + line(command) + "` timed out after " + timeout + output(out, err));
            }
            if (process.exitValue() != 0) {
                throw new IOException("`" + line(command) + "` exited with " + process.exitValue() + output(out, err));
            }
            return text(out);
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    private static Process start(List<String> command, File out, File err) throws IOException {
        try {
            return new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out)
                    .redirectError(err)
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run `" + line(command) + "`: " + e.getMessage(), e);
        }
    }

    private boolean waitFor(Process process) throws IOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + process.info().commandLine().orElse("a command"), e);
        }
    }

    private static String output(File out, File err) throws IOException {
        String text = (text(out) + "\n" + text(err)).strip();
        return text.isEmpty() ? " (no output)" : ": " + text;
    }

    // why: lenient decoding; a stray byte in a device's vendor string must not hide the real error
    private static String text(File file) throws IOException {
        return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
    }

    static String line(List<String> command) {
        return String.join(" ", command);
    }
}
