package io.tapeflow.task;

import io.tapeflow.transfer.ChecksumType;

import java.util.Arrays;
import java.util.Locale;

/**
 * Task option types of the vendor's list (constants are wire values). Those Tapeflow does not carry
 * out yet are refused with 422 rather than stored and ignored.
 */
public enum TaskOptionType {
    file_checksum(true), reset_file_date(true), reset_folder_date(false), rename_to(false), selected_drive(false),
    parallel_processing(true), full_report(false), processing_order(false), tape_to_scratch(true),
    eject_tape_after(true), barcodes(false), overwrite(true);

    private final boolean supported;

    TaskOptionType(boolean supported) {
        this.supported = supported;
    }

    public boolean isSupported() {
        return supported;
    }

    /**
     * The canonical text of a value for this option.
     *
     * @throws IllegalArgumentException with a message for the client when the value does not fit
     */
    public String normalize(String raw) {
        String value = raw.trim();
        return switch (this) {
            case file_checksum -> ChecksumType.of(value.toLowerCase(Locale.ROOT)).name();
            case parallel_processing -> {
                try {
                    int threads = Integer.parseInt(value);
                    if (threads < 1 || threads > TaskOptions.MAX_PARALLELISM) {
                        throw new NumberFormatException();
                    }
                    yield String.valueOf(threads);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("parallel_processing must be a whole number from 1 to " + TaskOptions.MAX_PARALLELISM);
                }
            }
            case reset_file_date, tape_to_scratch, eject_tape_after, overwrite -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1" -> "true";
                case "false", "0" -> "false";
                default -> throw new IllegalArgumentException(name() + " must be true or false");
            };
            default -> throw new IllegalArgumentException("option " + name() + " is not supported by Tapeflow");
        };
    }

    static String supportedList() {
        return String.join(", ", Arrays.stream(values()).filter(TaskOptionType::isSupported).map(Enum::name).toList());
    }
}
