package io.tapeflow.list;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The sort-key values of the last row of a page, so the next page starts right after it without OFFSET.
 * Encoded as opaque base64url; the sort signature travels with it so a cursor cannot be replayed
 * under another order.
 */
public record Cursor(String sortSignature, List<Object> values, long count) {

    /** A cursor that does not know the total: the next page counts again. */
    public Cursor(String sortSignature, List<Object> values) {
        this(sortSignature, values, -1);
    }

    private static final byte NULL = 0, TEXT = 1, NUMBER = 2, BOOL = 3, INSTANT = 4;

    public String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(sortSignature);
            out.writeLong(count);
            out.writeByte(values.size());
            for (Object value : values) {
                writeValue(out, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** @throws IllegalArgumentException when the text is not a cursor this server made */
    public static Cursor decode(String text) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(text)))) {
            String signature = in.readUTF();
            long count = in.readLong();
            int size = in.readUnsignedByte();
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(readValue(in));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new Cursor(signature, values, count);
        } catch (IOException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            // DateTimeException, ArithmeticException: an instant outside Instant's range (a forged cursor)
            throw new IllegalArgumentException("cursor is not valid: pass the next_cursor of a previous page");
        }
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Instant instant) {
            out.writeByte(INSTANT);
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        } else if (value instanceof Long number) {
            out.writeByte(NUMBER);
            out.writeLong(number);
        } else if (value instanceof Boolean bool) {
            out.writeByte(BOOL);
            out.writeBoolean(bool);
        } else {
            out.writeByte(TEXT);
            out.writeUTF(value.toString());
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        return switch (in.readByte()) {
            case NULL -> null;
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case NUMBER -> in.readLong();
            case BOOL -> in.readBoolean();
            case TEXT -> in.readUTF();
            default -> throw new IOException("unknown value tag");
        };
    }
}
