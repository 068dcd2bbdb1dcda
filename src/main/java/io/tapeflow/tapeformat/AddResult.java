package io.tapeflow.tapeformat;

/**
 * The outcome of adding (or continuing) an entry. {@code written} is what went on this tape file ({@code null} when
 * nothing did: the entry goes whole to the next tape); {@code rest} is {@code null} when the file is complete,
 * otherwise the tape is full and the caller continues with {@link TapeFileWriter#continueEntry} on the next tape.
 */
public record AddResult(WrittenEntry written, Continuation rest) {

    public boolean complete() {
        return rest == null;
    }

    public boolean tapeFull() {
        return rest != null;
    }
}
