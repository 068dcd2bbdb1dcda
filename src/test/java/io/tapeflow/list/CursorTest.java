package io.tapeflow.list;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorTest {

    private static final String NOT_A_CURSOR = "cursor is not valid: pass the next_cursor of a previous page";

    @Test
    void theTotalCountedOnTheFirstPageTravelsWithTheCursor() {
        Cursor cursor = new Cursor("id:asc", List.of(7L), 1234);

        assertEquals(1234L, Cursor.decode(cursor.encode()).count());
        assertEquals(-1L, Cursor.decode(new Cursor("id:asc", List.of(7L)).encode()).count());
    }

    @Test
    void cursorWithValuesOfEveryKindSurvivesTheRoundTrip() {
        Cursor cursor = new Cursor("created:desc|active:asc|name:asc|priority:desc|comment:asc|id:asc",
                Arrays.asList(Instant.parse("2025-03-04T05:06:07.123456789Z"), true, "Ünïcødé 名前 🎞 tape", -3L, null, 42L));

        Cursor decoded = Cursor.decode(cursor.encode());

        assertEquals(cursor, decoded);
        assertEquals(List.of(Instant.class, Boolean.class, String.class, Long.class),
                decoded.values().subList(0, 4).stream().map(Object::getClass).toList());
        assertEquals(null, decoded.values().get(4));
        assertEquals(Long.class, decoded.values().get(5).getClass());
    }

    @Test
    void instantKeepsItsNanosecondsAndDatesBeforeTheEpoch() {
        List<Object> values = List.of(Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.ofEpochSecond(0, 1),
                Instant.parse("9999-12-31T23:59:59.999999Z"));
        Cursor decoded = Cursor.decode(new Cursor("s", values).encode());
        assertEquals(values, decoded.values());
        assertEquals(999_999_999, ((Instant) decoded.values().get(0)).getNano());
        assertEquals(-1L, ((Instant) decoded.values().get(0)).getEpochSecond());
    }

    @Test
    void longExtremesSurviveTheRoundTrip() {
        List<Object> values = List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE);
        assertEquals(values, Cursor.decode(new Cursor("s", values).encode()).values());
    }

    @Test
    void booleansAndNullsSurviveTheRoundTrip() {
        List<Object> values = Arrays.asList(false, null, true, null);
        assertEquals(values, Cursor.decode(new Cursor("s", values).encode()).values());
    }

    @Test
    void textWithEmptyStringNulCharacterAndSurrogatePairsSurvivesTheRoundTrip() {
        List<Object> values = List.of("", "a\u0000b", "😀🏳️‍🌈", "line\nbreak|with:colon");
        assertEquals(values, Cursor.decode(new Cursor("s", values).encode()).values());
    }

    @Test
    void signatureSurvivesTheRoundTrip() {
        assertEquals("priority:desc|id:asc", Cursor.decode(new Cursor("priority:desc|id:asc", List.of(1L, 2L)).encode())
                .sortSignature());
    }

    @Test
    void cursorWithoutValuesSurvivesTheRoundTrip() {
        assertEquals(new Cursor("id:asc", List.of()), Cursor.decode(new Cursor("id:asc", List.of()).encode()));
    }

    @Test
    void encodedCursorIsUnpaddedBase64Url() {
        String encoded = new Cursor("name:asc|id:asc", List.of("~~~???>>>", 1L)).encode();
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
    }

    @Test
    void encodingIsDeterministic() {
        Cursor cursor = new Cursor("id:asc", List.of(7L));
        assertEquals(cursor.encode(), new Cursor("id:asc", List.of(7L)).encode());
        assertNotEquals(cursor.encode(), new Cursor("id:asc", List.of(8L)).encode());
    }

    @Test
    void numberAndItsTextAreDifferentValues() {
        assertEquals(List.of("42"), Cursor.decode(new Cursor("s", List.of("42")).encode()).values());
        assertEquals(List.of(42L), Cursor.decode(new Cursor("s", List.of(42L)).encode()).values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "A", "%%%", "bm90IGEgY3Vyc29y", "AA+/"})
    void garbageIsNotACursor(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(text));
        assertEquals(NOT_A_CURSOR, e.getMessage());
    }

    @Test
    void truncatedCursorIsNotACursor() {
        String encoded = new Cursor("name:asc|id:asc", List.of("beta", 42L)).encode();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cursor.decode(encoded.substring(0, encoded.length() - 4)));
        assertEquals(NOT_A_CURSOR, e.getMessage());
    }

    @Test
    void cursorWithTrailingBytesIsNotACursor() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("id:asc");
            out.writeByte(1);
            out.writeByte(2);
            out.writeLong(42L);
            out.writeByte(0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(base64(bytes)));
        assertEquals(NOT_A_CURSOR, e.getMessage());
    }

    @Test
    void cursorWithAnUnknownValueTagIsNotACursor() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("id:asc");
            out.writeByte(1);
            out.writeByte(9);
            out.writeLong(42L);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(base64(bytes)));
        assertEquals(NOT_A_CURSOR, e.getMessage());
    }

    @Test
    void cursorWithAnInstantOutsideTheTimeLineIsNotACursor() throws IOException {
        for (long seconds : new long[] {Long.MAX_VALUE, Long.MIN_VALUE}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF("created:asc|id:asc");
                out.writeByte(2);
                out.writeByte(4);
                out.writeLong(seconds);
                out.writeInt(Integer.MAX_VALUE);
                out.writeByte(2);
                out.writeLong(42L);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.decode(base64(bytes)));
            assertEquals(NOT_A_CURSOR, e.getMessage());
        }
    }

    private static String base64(ByteArrayOutputStream bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }
}
