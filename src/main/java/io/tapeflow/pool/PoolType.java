package io.tapeflow.pool;

/** What a pool is for. Wire values of the published API: no others may be returned. */
public enum PoolType {
    active_archive, offline_archive, data_exchange, scratch, data_enrichment, primary
}
