package io.tapeflow.library;

/** Whether a library or drive may be used: an offline one is left alone by the scheduler. Wire values. */
public enum DeviceStatus {
    online, offline
}
