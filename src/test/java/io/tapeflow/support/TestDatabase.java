package io.tapeflow.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database for one test application context: in-memory H2 (MODE=MariaDB, as the
 * embedded default) or a throwaway database on the MariaDB server at 127.0.0.1:3306, chosen by the
 * system property {@code tapeflow.test.database} (set per Surefire execution).
 */
public final class TestDatabase {

    public static final String MARIADB_SERVER = System.getProperty("tapeflow.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");
    public static final String MARIADB_USER = System.getProperty("tapeflow.test.mariadb.user", "root");
    public static final String MARIADB_PASSWORD = System.getProperty("tapeflow.test.mariadb.password", "");
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll));
    }

    private TestDatabase() {
    }

    public static boolean isMariaDb() {
        return "mariadb".equals(System.getProperty("tapeflow.test.database"));
    }

    /** Datasource properties of a new, empty database. */
    public static Map<String, String> create() {
        String name = "tapeflow_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (!isMariaDb()) {
            return Map.of("datasources.default.url", "jdbc:h2:mem:" + name
                    + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW;IGNORECASE=TRUE;DB_CLOSE_DELAY=-1");
        }
        return createOnMariaDb(name);
    }

    /** Datasource properties of a new, empty database on the MariaDB server, dropped when the JVM exits. */
    public static Map<String, String> createOnMariaDb() {
        return createOnMariaDb("tapeflow_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    private static Map<String, String> createOnMariaDb(String name) {
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        synchronized (CREATED) {
            CREATED.add(name);
        }
        return Map.of("datasources.default.url", MARIADB_SERVER + name,
                "datasources.default.username", MARIADB_USER,
                "datasources.default.password", MARIADB_PASSWORD);
    }

    static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(MARIADB_SERVER, MARIADB_USER, MARIADB_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB at " + MARIADB_SERVER + ": " + e.getMessage(), e);
        }
    }

    private static void dropAll() {
        synchronized (CREATED) {
            for (String name : CREATED) {
                try {
                    execute("DROP DATABASE IF EXISTS " + name);
                } catch (RuntimeException e) {
                    System.err.println("could not drop test database " + name + ": " + e.getMessage());
                }
            }
        }
    }
}
