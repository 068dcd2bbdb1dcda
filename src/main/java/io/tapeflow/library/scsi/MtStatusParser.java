package io.tapeflow.library.scsi;

import io.tapeflow.library.TapeDevice.DriveStatus;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the output of {@code mt -f /dev/nstN status} (the Linux mt-st tool) into a {@link DriveStatus}. */
final class MtStatusParser {

    private static final Pattern FILE_NUMBER = Pattern.compile("File number=(-?\\d+)");
    private static final String BITS = "General status bits on";

    private MtStatusParser() {
    }

    static DriveStatus parse(String output) throws IOException {
        Matcher file = FILE_NUMBER.matcher(output);
        int bitsAt = output.indexOf(BITS);
        // why: GNU cpio's mt prints a different report; without these two lines nothing below can be trusted
        if (!file.find() || bitsAt < 0) {
            throw new IOException("unrecognised `mt status` output (is mt the mt-st tool?): '" + output.strip() + "'");
        }
        // the flags are the words after the "General status bits on (hex):" line
        String afterBits = output.substring(bitsAt);
        int newline = afterBits.indexOf('\n');
        Set<String> flags = Set.of(newline < 0 ? new String[0] : afterBits.substring(newline + 1).strip().split("\\s+"));
        boolean loaded = flags.contains("ONLINE") && !flags.contains("DR_OPEN");
        return new DriveStatus(loaded, null, flags.contains("WR_PROT"), Integer.parseInt(file.group(1)));
    }
}
