package io.tapeflow.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths inside the archive (what the catalog records and tape entries are named after): absolute,
 * {@code /}-separated, without {@code .}, {@code ..} or empty segments, so a restore can never be
 * steered outside its destination folder by a name read from a tape.
 */
public final class ArchivePath {

    private ArchivePath() {
    }

    /**
     * The normal form of {@code path} ({@code "/"} for the root).
     *
     * @throws IllegalArgumentException when a segment is {@code ..} or holds a NUL
     */
    public static String normalize(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") || segment.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("path " + path + " may not contain '..' or NUL");
            }
            segments.add(segment);
        }
        return "/" + String.join("/", segments);
    }

    /** Whether {@code path} is {@code folder} or lies inside it (both normalized). */
    public static boolean within(String path, String folder) {
        return folder.equals("/") || path.equals(folder) || path.startsWith(folder + "/");
    }

    /** {@code path} relative to {@code folder} (no leading slash; empty for the folder itself). */
    public static String relativize(String path, String folder) {
        if (path.equals(folder)) {
            return "";
        }
        return folder.equals("/") ? path.substring(1) : path.substring(folder.length() + 1);
    }
}
