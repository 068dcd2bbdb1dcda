package io.tapeflow.library.scsi;

import io.tapeflow.library.Inventory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code mtx -f /dev/sgN status} into an {@link Inventory}.
 *
 * <p>Lines that are not the header or an element are ignored (wrappers and some mtx builds print
 * extra text); an element line that does not parse is an {@link IOException} naming it, since acting
 * on a half-read inventory could move the wrong cartridge.
 */
public final class MtxStatusParser {

    // why: libraries pad the 32-byte volume tag with spaces and mtx prints it as is, so tags are trimmed
    private static final String TAGS = "(?::VolumeTag\\s*=\\s*([^:]*))?(?::AlternateVolumeTag\\s*=\\s*([^:]*))?\\s*";
    private static final Pattern HEADER = Pattern.compile(
            "Storage Changer (\\S+):(\\d{1,6}) Drives, (\\d{1,6}) Slots \\( (\\d{1,6}) Import/Export \\)");
    private static final Pattern DRIVE = Pattern.compile("Data Transfer Element (\\d{1,6}):"
            + "(Empty|Full \\((?:Storage Element (\\d{1,6})|Unknown Storage Element) Loaded\\))\\s*" + TAGS);
    private static final Pattern SLOT = Pattern.compile(
            "Storage Element (\\d{1,6})( IMPORT/EXPORT)?:(Empty|Full)\\s*" + TAGS);

    public Inventory parse(String output) throws IOException {
        List<Inventory.Drive> drives = new ArrayList<>();
        List<Inventory.Slot> slots = new ArrayList<>();
        Matcher header = null;
        for (String raw : output.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("Storage Changer")) {
                header = match(HEADER, line);
            } else if (line.startsWith("Data Transfer Element")) {
                drives.add(drive(match(DRIVE, line)));
            } else if (line.startsWith("Storage Element")) {
                slots.add(slot(match(SLOT, line)));
            }
        }
        if (drives.isEmpty() && slots.isEmpty()) {
            throw new IOException("no drive or slot in mtx status output: " + abbreviate(output));
        }
        if (header != null) {
            checkCounts(header, drives, slots);
        }
        return new Inventory(drives, slots);
    }

    private static Inventory.Drive drive(Matcher m) {
        boolean full = m.group(2).startsWith("Full");
        Integer source = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return new Inventory.Drive(Integer.parseInt(m.group(1)), full, full ? tag(m.group(4)) : null, source);
    }

    private static Inventory.Slot slot(Matcher m) {
        boolean full = m.group(3).equals("Full");
        return new Inventory.Slot(Integer.parseInt(m.group(1)), m.group(2) != null, full, full ? tag(m.group(4)) : null);
    }

    private static String tag(String raw) {
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    // why: mtx prints the counts first and then one line per element, so a mismatch means truncated output
    private static void checkCounts(Matcher header, List<Inventory.Drive> drives, List<Inventory.Slot> slots)
            throws IOException {
        int driveCount = Integer.parseInt(header.group(2));
        int slotCount = Integer.parseInt(header.group(3));
        int ioCount = Integer.parseInt(header.group(4));
        long io = slots.stream().filter(Inventory.Slot::importExport).count();
        if (driveCount != drives.size() || slotCount != slots.size() || ioCount != io) {
            throw new IOException("mtx status header '" + header.group() + "' announces " + driveCount + " drives, "
                    + slotCount + " slots, " + ioCount + " import/export but lists " + drives.size() + ", "
                    + slots.size() + ", " + io + " (truncated output?)");
        }
    }

    private static Matcher match(Pattern pattern, String line) throws IOException {
        Matcher m = pattern.matcher(line);
        if (!m.matches()) {
            throw new IOException("malformed mtx status line: '" + line + "'");
        }
        return m;
    }

    private static String abbreviate(String text) {
        String s = text.strip();
        return "'" + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + "'";
    }
}
