package io.tapeflow.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.transaction.annotation.ReadOnly;
import io.tapeflow.archive.TapeRunConfiguration;
import io.tapeflow.batch.BatchRequest;
import io.tapeflow.job.JobRunrServer;
import io.tapeflow.job.JobsConfiguration;
import io.tapeflow.library.DeviceStatus;
import io.tapeflow.library.LibraryConfiguration;
import io.tapeflow.library.LibraryProtocol;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.persistence.Sql;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** Collects the effective settings of this node for {@code GET /api/v2/config}, secrets masked. */
@Singleton
public class ConfigReadout {

    private final JdbcOperations jdbc;
    private final JobRunrServer jobRunr;
    private final JobsConfiguration jobs;
    private final TapeRunConfiguration tapeRuns;
    private final LibraryConfiguration library;
    private final HttpServerConfiguration server;
    private final String dataDir;
    private final String adminPassword;
    private final EffectiveConfig.Database database;
    private final String version = version();

    public ConfigReadout(JdbcOperations jdbc, JobRunrServer jobRunr, JobsConfiguration jobs, TapeRunConfiguration tapeRuns,
                         LibraryConfiguration library, HttpServerConfiguration server,
                         @Value("${tapeflow.data-dir}") String dataDir,
                         @Value("${tapeflow.admin-password:}") String adminPassword,
                         @Value("${datasources.default.url}") String databaseUrl,
                         @Value("${datasources.default.username:}") String databaseUser,
                         @Value("${datasources.default.password:}") String databasePassword) {
        this.jdbc = jdbc;
        this.jobRunr = jobRunr;
        this.jobs = jobs;
        this.tapeRuns = tapeRuns;
        this.library = library;
        this.server = server;
        this.dataDir = Path.of(dataDir).toAbsolutePath().normalize().toString();
        this.adminPassword = Secrets.mask(adminPassword);
        this.database = new EffectiveConfig.Database(Secrets.jdbcUrl(databaseUrl), databaseUser, Secrets.mask(databasePassword));
    }

    @ReadOnly
    public EffectiveConfig read() {
        List<EffectiveConfig.Library> libraries = Sql.query(jdbc, "SELECT id, name, protocol, status FROM tape_library ORDER BY name, id",
                row -> new EffectiveConfig.Library(row.getLong(1), row.getString(2), LibraryProtocol.valueOf(row.getString(3)),
                        DeviceStatus.valueOf(row.getString(4))));
        List<LibraryProtocol> drivers = libraries.stream().map(EffectiveConfig.Library::protocol).distinct().sorted().toList();
        return new EffectiveConfig(version, dataDir, adminPassword, database,
                new EffectiveConfig.Jobs(jobs.pollInterval().toSeconds(), jobRunr.workerCount(), jobs.workers(), jobs.dashboard(),
                        jobs.dashboardPort(), Secrets.mask(jobs.dashboardPassword())),
                new EffectiveConfig.TapeRuns(tapeRuns.driveWaitTimeout().toSeconds(), library.virtualCapacity()),
                drivers, libraries,
                new EffectiveConfig.Limits(ListQueryParser.DEFAULT_LIMIT, ListQueryParser.MAX_LIMIT, BatchRequest.MAX_IDS,
                        server.getMaxRequestSize()));
    }

    /** The project's version, which the build writes into tapeflow-version.properties. */
    private static String version() {
        try (InputStream in = ConfigReadout.class.getResourceAsStream("/tapeflow-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
