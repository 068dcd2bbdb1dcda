package io.tapeflow.archive;

import io.tapeflow.transfer.SourceEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SourcePrefetchTest {

    @TempDir
    Path dir;

    @Test
    void entriesComeInWalkOrderWithExactlyTheirBytesSmallOrLarge() throws IOException {
        List<SourceEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        int[] sizes = {0, 1, 4097, 1 << 20, (1 << 20) + 1, 9 << 20};
        for (int i = 0; i < 100; i++) {
            byte[] content = random(sizes[i % sizes.length], i);
            entries.add(file("f" + i, content));
            contents.add(content);
        }
        entries.add(1, new SourceEntry(SourceEntry.Kind.EMPTY_DIRECTORY, dir.resolve("d"), "d", 0, FileTime.fromMillis(0)));
        contents.add(1, null);

        try (SourcePrefetch ahead = new SourcePrefetch(entries.iterator(), "test-prefetch")) {
            for (int i = 0; i < entries.size(); i++) {
                SourcePrefetch.Ahead next = ahead.next();
                assertEquals(entries.get(i), next.entry());
                if (contents.get(i) != null) {
                    try (InputStream in = next.open()) {
                        assertArrayEquals(contents.get(i), in.readAllBytes(), next.entry().relative());
                    }
                }
            }
            assertFalse(ahead.hasNext());
        }
    }

    @Test
    void aFileGoneSinceTheWalkFailsWhenOpenedAndOneThatGrewIsCutAtItsWalkedSize() throws IOException {
        SourceEntry gone = file("gone", random(10, 1));
        Files.delete(gone.absolute());
        SourceEntry grew = file("grew", random(100, 2));
        Files.write(grew.absolute(), random(150, 3));

        try (SourcePrefetch ahead = new SourcePrefetch(List.of(gone, grew).iterator(), "test-prefetch")) {
            assertThrows(NoSuchFileException.class, () -> ahead.next().open());
            try (InputStream in = ahead.next().open()) {
                assertArrayEquals(java.util.Arrays.copyOf(random(150, 3), 100), in.readAllBytes());
            }
        }
    }

    private SourceEntry file(String name, byte[] content) throws IOException {
        Path path = Files.write(dir.resolve(name), content);
        return new SourceEntry(SourceEntry.Kind.FILE, path, name, content.length, Files.getLastModifiedTime(path));
    }

    private static byte[] random(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
