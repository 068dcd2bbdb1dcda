package io.tapeflow.library;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What an inventory changed, by barcode: cartridges new to Tapeflow, found elsewhere, and gone from the library. */
@Serdeable
public record InventoryChanges(List<String> added, List<String> moved, List<String> ejected) {
}
