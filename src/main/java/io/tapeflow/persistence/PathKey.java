package io.tapeflow.persistence;

/**
 * Patterns for {@code catalog_file.path_key}, the indexed first {@value #LENGTH} characters of a path (V12): a
 * lookup by path narrows with {@code path_key LIKE ?} on the index, then checks {@code path} itself.
 */
public final class PathKey {

    public static final int LENGTH = 700;

    private PathKey() {
    }

    /** Matches the key of {@code path} exactly (of a path at least as long as the key, every path it starts). */
    public static String of(String path) {
        String cut = cut(path);
        return escape(cut) + (cut.length() < path.length() ? "%" : "");
    }

    /** Matches the keys of the paths starting with {@code prefix} (given as is, not escaped). */
    public static String startingWith(String prefix) {
        return escape(cut(prefix)) + "%";
    }

    /**
     * Matches the keys of the paths a LIKE pattern (backslash escapes) can match: those starting with its literal
     * head, up to its first wildcard; null when the pattern starts with a wildcard, so the key cannot narrow it.
     */
    public static String forPattern(String pattern) {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_') {
                break;
            }
            if (c == '\\' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
            }
            head.append(c);
        }
        return head.isEmpty() ? null : startingWith(head.toString());
    }

    /** Escapes the LIKE wildcards and the escape character itself. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * At most LENGTH UTF-16 units, never half a surrogate pair: a prefix of the key whether the database counts
     * units (H2) or code points (MariaDB).
     */
    private static String cut(String path) {
        if (path.length() <= LENGTH) {
            return path;
        }
        return path.substring(0, Character.isHighSurrogate(path.charAt(LENGTH - 1)) ? LENGTH - 1 : LENGTH);
    }
}
