package io.tapeflow.support;

import java.util.HashMap;
import java.util.Map;

/** One scrape of {@code /prometheus}: the value of a series by name and (some of) its labels. */
public record Scrape(String text) {

    /** The series' value; 0 when no series of that name carries those labels. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String series = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
            if (!series.equals(name)) {
                continue;
            }
            Map<String, String> found = new HashMap<>();
            if (brace >= 0) {
                for (String pair : line.substring(brace + 1, line.lastIndexOf('}')).split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        found.put(pair.substring(0, eq).trim(), pair.substring(eq + 2, pair.length() - 1));
                    }
                }
            }
            if (found.entrySet().containsAll(wanted.entrySet())) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return 0;
    }

    public boolean has(String name) {
        return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }
}
