package io.tapeflow.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumTypeTest {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "md5,      900150983cd24fb0d6963f7d28e17f72",
            "sha256,   ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "crc32,    352441c2",
            "xxhash64, 44bc2cf5ad770999"})
    void checksumOfAbcMatchesTheKnownVector(ChecksumType type, String expected) {
        assertEquals(expected, hex(type, ABC));
    }

    @ParameterizedTest
    @CsvSource({
            "md5,      d41d8cd98f00b204e9800998ecf8427e",
            "sha256,   e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "crc32,    00000000",
            "xxhash64, ef46db3751d8e999"})
    void checksumOfNothingMatchesTheKnownVectorAtFullWidth(ChecksumType type, String expected) {
        assertEquals(expected, hex(type, new byte[0]));
    }

    @Test
    void noneAnswersNull() {
        assertNull(hex(ChecksumType.none, ABC));
    }

    @Test
    void theDefaultIsXxHash64() {
        assertEquals(ChecksumType.xxhash64, ChecksumType.DEFAULT);
        assertEquals(ChecksumType.xxhash64, ChecksumType.of(null));
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumType.class, names = "none", mode = EnumSource.Mode.EXCLUDE)
    void feedingPiecesThroughDirectAndHeapBuffersGivesTheSameValueAsOneArray(ChecksumType type) {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        StreamingChecksum pieces = type.start();
        ByteBuffer direct = ByteBuffer.allocateDirect(64 * 1024);
        for (int offset = 0; offset < data.length; ) {
            int length = Math.min(direct.capacity(), data.length - offset);
            if ((offset / direct.capacity()) % 2 == 0) {
                direct.clear();
                direct.put(data, offset, length).flip();
                pieces.update(direct);
                assertEquals(0, direct.position(), "the caller still needs the bytes to write them");
            } else {
                ByteBuffer heap = ByteBuffer.wrap(data, offset, length);
                pieces.update(heap);
                assertEquals(offset, heap.position());
            }
            offset += length;
        }
        assertEquals(hex(type, data), pieces.hex());
    }

    @Test
    void hexCanBeAskedTwice() {
        StreamingChecksum sum = ChecksumType.xxhash64.start();
        sum.update(ABC);
        assertEquals(sum.hex(), sum.hex());
        sum.close();
    }

    @Test
    void wireValuesAreTheLowercaseNamesAndParseIgnoringCase() {
        for (ChecksumType type : ChecksumType.values()) {
            assertEquals(type, ChecksumType.of(type.name()));
            assertEquals(type.name().toLowerCase(Locale.ROOT), type.name());
        }
        assertEquals(ChecksumType.sha256, ChecksumType.of(" SHA256 "));
    }

    @Test
    void anUnknownNameIsRefusedWithTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChecksumType.of("sha1"));
        assertTrue(e.getMessage().contains("md5, sha256, crc32, xxhash64, none"), e.getMessage());
    }

    private static String hex(ChecksumType type, byte[] data) {
        try (StreamingChecksum sum = type.start()) {
            sum.update(data);
            return sum.hex();
        }
    }
}
