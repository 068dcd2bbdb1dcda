package io.tapeflow.library.virtual;

/**
 * How realistic a virtual library is: delays for a robot move (load/unload) and for positioning, and a bandwidth cap
 * for reads and writes ({@code 0} = none). All zero by default so tests run fast; scheduling tests slow things down.
 */
public record LibrarySettings(long loadDelayMillis, long seekDelayMillis, long bandwidthBytesPerSecond) {

    public static final LibrarySettings FAST = new LibrarySettings(0, 0, 0);

    public LibrarySettings {
        if (loadDelayMillis < 0 || seekDelayMillis < 0 || bandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("delays and bandwidth cap must not be negative: " + this);
        }
    }
}
