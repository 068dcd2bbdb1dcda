package io.tapeflow.config;

import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.library.DeviceStatus;
import io.tapeflow.library.LibraryProtocol;

import java.util.List;

/**
 * The settings this node runs with. Secrets are never shown: a password field reads "********" when
 * one is set and null when none is.
 */
@Serdeable
public record EffectiveConfig(String version, String dataDir, String adminPassword, Database database, Jobs jobs,
                              TapeRuns tapeRuns, List<LibraryProtocol> libraryDrivers, List<Library> tapeLibraries,
                              Limits limits) {

    /** The JDBC URL (any password in it masked), the user, and whether a password is set. */
    @Serdeable
    public record Database(String url, String username, String password) {
    }

    /**
     * JobRunr: how often this node polls for jobs, its worker threads ({@code workers_configured} null
     * when JobRunr chose {@code workers} itself) and its dashboard.
     */
    @Serdeable
    public record Jobs(long pollIntervalSeconds, int workers, Integer workersConfigured, boolean dashboard, int dashboardPort,
                       String dashboardPassword) {
    }

    /** Tape runs: how long a run waits for a drive and cartridge before it ends in error; a new virtual cartridge's bytes. */
    @Serdeable
    public record TapeRuns(long driveWaitTimeoutSeconds, long virtualCartridgeCapacity) {
    }

    /** A tape library and the driver (protocol) that runs it. */
    @Serdeable
    public record Library(long id, String name, LibraryProtocol protocol, DeviceStatus status) {
    }

    /** Lists' default and largest page, the most ids a batch takes, the largest request body in bytes. */
    @Serdeable
    public record Limits(int listDefaultLimit, int listMaxLimit, int batchMaxIds, long maxRequestSize) {
    }
}
