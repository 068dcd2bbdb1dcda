package io.tapeflow.container;

/** Where a container keeps its files. Constants are the API's wire values; {@code s3} comes later. */
public enum ContainerType {
    local
}
