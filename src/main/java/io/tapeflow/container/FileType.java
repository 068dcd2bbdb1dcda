package io.tapeflow.container;

/** What a listed entry is. Wire values; links are listed as what they point to. */
public enum FileType {
    file, folder
}
