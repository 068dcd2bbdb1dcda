package io.tapeflow.tapeformat;

import io.tapeflow.library.TapeDevice;
import io.tapeflow.library.virtual.Barcodes;
import io.tapeflow.library.virtual.VirtualLibrary;
import io.tapeflow.transfer.ChecksumType;
import io.tapeflow.transfer.StreamingChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TapeFileWriterTest {

    private static final int MIB = 1 << 20;
    private static final ChecksumType SHA = ChecksumType.sha256;

    @TempDir
    Path dir;

    @Test
    void aTreeWrittenToTapeIsRestoredByteIdenticalWithGnuTarAlone() throws Exception {
        Path source = dir.resolve("source");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("docs/readme.txt", content(1000, 1));
        files.put("big/three-mib.bin", content(3 * MIB, 5));
        files.put("docs/nested/deeper/data.bin", content(70_000, 2));
        files.put("with space/unicodé 日本語 ü.txt", content(513, 3));
        files.put("long/" + "p".repeat(60) + "/" + "q".repeat(60) + "/" + "file-name-" + "r".repeat(9) + ".dat", content(10, 4));
        files.put("empty.txt", new byte[0]);
        assertEquals(150, files.keySet().stream().filter(p -> p.startsWith("long/")).findFirst().orElseThrow().length());
        writeTree(source, files);

        VirtualLibrary library = libraryWithLabelledTapes(1, 64L * MIB);
        TapeDevice drive = library.drive(0);
        int tapeFiles = 0;
        TapeFileWriter writer = null;
        for (String path : files.keySet()) {
            if (writer == null) {
                drive.seekEndOfData();
                writer = TapeFileWriter.open(drive, library.free("TF0001L9"), 2 * MIB);
            }
            Path file = source.resolve(path);
            try (InputStream in = Files.newInputStream(file)) {
                AddResult result = writer.add(path, Files.size(file), Files.getLastModifiedTime(file), in, SHA);
                assertTrue(result.complete());
            }
            if (writer.shouldClose()) {
                writer.close();
                writer = null;
                tapeFiles++;
            }
        }
        if (writer != null) {
            writer.close();
            tapeFiles++;
        }
        assertTrue(tapeFiles >= 2, "the aggregation limit splits the tree into several tape files");

        Path restored = Files.createDirectories(dir.resolve("restored"));
        Path cartridge = library.cartridgeDirectory("TF0001L9");
        for (int tapeFile = 1; tapeFile <= tapeFiles; tapeFile++) {
            gnuTar(restored, cartridge.resolve(String.format("%06d.tapefile", tapeFile)));
        }
        for (String path : files.keySet()) {
            assertArrayEquals(files.get(path), Files.readAllBytes(restored.resolve(path)), path);
            assertEquals(Files.getLastModifiedTime(source.resolve(path)).toMillis(),
                    Files.getLastModifiedTime(restored.resolve(path)).toMillis(), path);
        }
    }

    @Test
    void aFileLargerThanTheFreeSpaceSpansTwoCartridgesAndIsRestoredByTheReaderAndByCat() throws Exception {
        VirtualLibrary library = libraryWithLabelledTapes(2, 4L * MIB);
        byte[] big = content(5 * MIB + 123, 7);
        byte[] small = content(2000, 8);
        FileTime mtime = FileTime.fromMillis(1_700_000_000_000L);

        InputStream source = new ByteArrayInputStream(big);
        TapeFileWriter first = TapeFileWriter.open(library.drive(0), library.free("TF0001L9"));
        assertTrue(first.add("small.txt", small.length, mtime, new ByteArrayInputStream(small), SHA).complete());
        AddResult part1 = first.add("big.bin", big.length, mtime, source, SHA);
        first.close();
        assertTrue(part1.tapeFull() && first.tapeFull());
        assertEquals(1, part1.written().part());
        assertNull(part1.written().fileChecksum());
        assertEquals(part1.written().partLength(), part1.rest().offset());
        assertTrue(library.used("TF0001L9") <= 4L * MIB);

        TapeFileWriter second = TapeFileWriter.open(library.drive(1), library.free("TF0002L9"));
        AddResult part2 = second.continueEntry(part1.rest(), source);
        second.close();
        assertTrue(part2.complete());
        assertEquals(new WrittenEntry("big.bin", 1, 0, 0, big.length, part1.written().partLength(),
                big.length - part1.written().partLength(), 2, sha(big, (int) part1.written().partLength(), big.length),
                sha(big, 0, big.length)), part2.written());

        ByteArrayOutputStream viaReader = new ByteArrayOutputStream();
        for (int drive = 0; drive < 2; drive++) {
            try (TapeFileReader reader = TapeFileReader.open(library.drive(drive), 1)) {
                for (TapeEntry entry = reader.next(); entry != null; entry = reader.next()) {
                    if (entry.path().equals("big.bin")) {
                        assertEquals(drive + 1, entry.part());
                        assertEquals(viaReader.size(), entry.partOffset());
                        assertEquals(big.length, entry.totalSize());
                        reader.content().transferTo(viaReader);
                    }
                }
            }
        }
        assertArrayEquals(big, viaReader.toByteArray());

        Path restored = Files.createDirectories(dir.resolve("restored"));
        gnuTar(restored, library.cartridgeDirectory("TF0001L9").resolve("000001.tapefile"));
        gnuTar(restored, library.cartridgeDirectory("TF0002L9").resolve("000001.tapefile"));
        run(restored, "sh", "-c", "cat big.bin.tapeflow-part-* > big.bin");
        assertArrayEquals(big, Files.readAllBytes(restored.resolve("big.bin")));
        assertArrayEquals(small, Files.readAllBytes(restored.resolve("small.txt")));
    }

    @Test
    void aSmallEntryThatDoesNotFitGoesWholeToTheNextTape() throws IOException {
        VirtualLibrary library = libraryWithLabelledTapes(2, 4L * MIB);
        FileTime mtime = FileTime.fromMillis(0);
        TapeFileWriter first = TapeFileWriter.open(library.drive(0), library.free("TF0001L9"));
        first.add("a.bin", 2 * MIB + 500_000, mtime, new ByteArrayInputStream(content(2 * MIB + 500_000, 1)), SHA);

        byte[] almostMib = content(MIB - 1000, 2);
        InputStream source = new ByteArrayInputStream(almostMib);
        AddResult result = first.add("b.bin", almostMib.length, mtime, source, SHA);
        first.close();

        assertNull(result.written());
        assertEquals(0, result.rest().offset());
        assertEquals(almostMib.length, source.available(), "nothing was read from the source");
        TapeFileWriter second = TapeFileWriter.open(library.drive(1), library.free("TF0002L9"));
        WrittenEntry written = second.continueEntry(result.rest(), source).written();
        second.close();
        assertEquals(0, written.part());
        assertEquals("b.bin", written.entryName());
    }

    @Test
    void fillingATapeNeverOverfillsItAndTheWriterSaysFullBeforeTheDrive() throws IOException {
        long capacity = 12L * MIB + 4321;
        VirtualLibrary library = libraryWithLabelledTapes(1, capacity);
        TapeDevice drive = library.drive(0);
        Random random = new Random(42);
        int added = 0;
        boolean full = false;
        while (!full) {
            drive.seekEndOfData();
            long freeBefore = library.free("TF0001L9");
            try (TapeFileWriter writer = TapeFileWriter.open(drive, freeBefore, MIB + random.nextInt(3 * MIB))) {
                while (!writer.shouldClose()) {
                    int size = random.nextInt(10) == 0 ? random.nextInt(3 * MIB) : random.nextInt(40_000);
                    AddResult result = writer.add("f/" + added + "-" + "x".repeat(random.nextInt(200)), size,
                            FileTime.fromMillis(added), new ByteArrayInputStream(new byte[size]), ChecksumType.none);
                    if (result.complete()) {
                        added++;
                    }
                }
                full = writer.tapeFull();
                writer.close();
                assertEquals(freeBefore - writer.bytesUsed(), library.free("TF0001L9"), "bytesUsed is exact");
                assertEquals(0, writer.bytesUsed() % TapeFormat.BLOCK_SIZE);
            }
        }

        long sum;
        try (Stream<Path> images = Files.list(library.cartridgeDirectory("TF0001L9"))) {
            sum = images.filter(p -> p.toString().endsWith(".tapefile")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(sum <= capacity, sum + " bytes on a " + capacity + " byte tape");
        assertTrue(sum > capacity - 3L * MIB, "the tape was filled, not abandoned early: " + sum);
        assertTrue(added > 50);
    }

    @Test
    void theReaderReturnsEntriesInOrderWithTheirChecksumsAndACorruptedByteIsDetected() throws IOException {
        VirtualLibrary library = libraryWithLabelledTapes(1, 64L * MIB);
        List<WrittenEntry> written = new ArrayList<>();
        try (TapeFileWriter writer = TapeFileWriter.open(library.drive(0), library.free("TF0001L9"))) {
            for (int i = 0; i < 5; i++) {
                byte[] bytes = content(1000 * i + 7, i);
                written.add(writer.add("dir/file-" + i, bytes.length, FileTime.fromMillis(i * 1000L),
                        new ByteArrayInputStream(bytes), ChecksumType.xxhash64).written());
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4), written.stream().map(WrittenEntry::entryIndex).toList());

        TapeScanner.TapeScan scan = TapeScanner.scan(library.drive(0), ChecksumType.xxhash64);
        assertEquals("TF0001L9", scan.label().barcode());
        assertEquals(2, scan.tapeFiles());
        assertEquals(5, scan.entries().size());
        for (int i = 0; i < 5; i++) {
            TapeScanner.ScannedEntry entry = scan.entries().get(i);
            assertEquals("dir/file-" + i, entry.entry().path());
            assertEquals(i, entry.entry().entryIndex());
            assertEquals(1, entry.entry().tapeFile());
            assertEquals(FileTime.fromMillis(i * 1000L), entry.entry().mtime());
            assertEquals(written.get(i).checksum(), entry.checksum());
        }

        WrittenEntry damaged = written.get(3);
        Path image = library.cartridgeDirectory("TF0001L9").resolve("000001.tapefile");
        try (FileChannel channel = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long contentByte = damaged.offsetInTapeFile() + TapeFormat.RECORD_SIZE + 100;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, contentByte);
            one.put(0, (byte) (one.get(0) ^ 0x55)).rewind();
            channel.write(one, contentByte);
        }
        try (TapeFileReader reader = TapeFileReader.open(library.drive(0), 1)) {
            for (int i = 0; i < 5; i++) {
                TapeEntry entry = reader.next();
                String checksum = reader.checksum(ChecksumType.xxhash64);
                if (i == 3) {
                    assertNotEquals(damaged.checksum(), checksum, "the damaged entry no longer matches");
                } else {
                    assertEquals(written.get(i).checksum(), checksum, entry.path());
                }
            }
            assertNull(reader.next());
        }
    }

    private VirtualLibrary libraryWithLabelledTapes(int count, long capacity) throws IOException {
        VirtualLibrary library = VirtualLibrary.create(dir.resolve("lib"), count, count, 0,
                Barcodes.defaultBarcodes(count), capacity, "data_lto9");
        for (int i = 0; i < count; i++) {
            library.load(i + 1, i);
            TapeLabel.of(Barcodes.defaultBarcodes(count).get(i), "test").write(library.drive(i));
        }
        return library;
    }

    private static void writeTree(Path root, Map<String, byte[]> files) throws IOException {
        long mtime = 1_600_000_000_123L;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
            Files.setLastModifiedTime(path, FileTime.fromMillis(mtime += 86_400_017L));
        }
    }

    private static void gnuTar(Path into, Path image) throws IOException, InterruptedException {
        run(into, "tar", "-xf", image.toString());
    }

    private static void run(Path in, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    private static String sha(byte[] bytes, int from, int to) {
        StreamingChecksum checksum = SHA.start();
        checksum.update(bytes, from, to - from);
        return checksum.hex();
    }

    static byte[] content(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
