package io.tapeflow.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConflictResolverTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "report.pdf        | 1 | report (1).pdf",
            "a.tar.gz          | 1 | a (1).tar.gz",
            "archive.TAR.GZ    | 3 | archive (3).TAR.GZ",
            "data.json.zst     | 1 | data (1).json.zst",
            "README            | 1 | README (1)",
            ".bashrc           | 1 | .bashrc (1)",
            ".config.json      | 1 | .config (1).json",
            "photo.2024.01.jpg | 1 | photo.2024.01 (1).jpg",
            "backup.2024.gz    | 1 | backup.2024 (1).gz",
            "my.backup.tar.gz  | 2 | my.backup (2).tar.gz",
            "name.             | 1 | name. (1)",
            "x (1).pdf         | 2 | x (1) (2).pdf",
            "résumé été.txt    | 12 | résumé été (12).txt"})
    void numberedNameGoesBeforeTheExtension(String name, int n, String expected) {
        assertEquals(expected, ConflictResolver.numberedName(name, n));
    }

    @Test
    void aFreeTargetIsWrittenWhateverThePolicy() {
        Path target = dir.resolve("new.txt");
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            assertEquals(new Resolution(Resolution.Action.WRITE, target), ConflictResolver.resolve(target, policy));
        }
    }

    @Test
    void renameTakesTheFirstFreeNumberSkippingExistingOnes() throws IOException {
        Path target = Files.writeString(dir.resolve("report.pdf"), "v0");
        Files.writeString(dir.resolve("report (1).pdf"), "v1");
        Files.writeString(dir.resolve("report (3).pdf"), "v3");

        assertEquals(new Resolution(Resolution.Action.WRITE, dir.resolve("report (2).pdf")),
                ConflictResolver.resolve(target, ConflictPolicy.RENAME));
    }

    @Test
    void overwriteReplacesAndIgnoreSkipsAnExistingFile() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "x");
        assertEquals(new Resolution(Resolution.Action.REPLACE, target), ConflictResolver.resolve(target, ConflictPolicy.OVERWRITE));
        assertEquals(new Resolution(Resolution.Action.SKIP, target), ConflictResolver.resolve(target, ConflictPolicy.IGNORE));
    }

    @Test
    void aDanglingSymlinkCountsAsExisting() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("nowhere"));
        assertEquals(dir.resolve("link (1).txt"), ConflictResolver.resolve(link, ConflictPolicy.RENAME).path());
        assertEquals(Resolution.Action.SKIP, ConflictResolver.resolve(link, ConflictPolicy.IGNORE).action());
    }

    @Test
    void aDirectoryInTheWayIsRenamedAroundButNeverOverwritten() throws IOException {
        Path target = Files.createDirectory(dir.resolve("photos"));
        assertEquals(dir.resolve("photos (1)"), ConflictResolver.resolve(target, ConflictPolicy.RENAME).path());
        TransferFailure failure = assertThrows(TransferFailure.class, () -> ConflictResolver.resolve(target, ConflictPolicy.OVERWRITE));
        assertEquals("target is a directory and cannot be overwritten by a file", failure.reason());
    }
}
