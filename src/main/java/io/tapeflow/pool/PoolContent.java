package io.tapeflow.pool;

/** What a pool groups: tapes, or containers (nas). The published API also has cloud, which Tapeflow does not offer yet. */
public enum PoolContent {
    tape, nas
}
