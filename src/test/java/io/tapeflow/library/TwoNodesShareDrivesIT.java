package io.tapeflow.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapeflow.library.virtual.LibrarySettings;
import io.tapeflow.library.virtual.VirtualLibrary;
import io.tapeflow.support.ItRun;
import io.tapeflow.support.JarNode;
import io.tapeflow.support.MariaDbAvailability;
import io.tapeflow.support.NodeApi;
import io.tapeflow.support.TestDatabase;
import io.tapeflow.tapeformat.TapeEntry;
import io.tapeflow.tapeformat.TapeFileReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Tapeflow nodes (the packaged jar, as two OS processes) on one MariaDB database share one virtual
 * library of 2 drives: its directory is the same for both, and only the drive leases in the database keep
 * them apart. 20 archive runs, started half through each node, must all end {@code done}, and their logs
 * (every grant and release is logged in the transaction that makes it) must show that no drive was ever
 * held by two runs at once, that both nodes carried out runs, and the catalog must match the cartridges:
 * one copy per file, each entry on tape byte-identical to its source, each cartridge's free space and tape
 * file count as the database says.
 *
 * <p>Needs the MariaDB server on 127.0.0.1:3306 (a throwaway database, as {@link TestDatabase} makes);
 * skipped without one unless TAPEFLOW_TEST_MARIADB=required. Run by maven-failsafe-plugin after
 * {@code package}; each node's output goes to {@code target/it/two-nodes/<run>/node-N.log}.
 */
@ExtendWith(MariaDbAvailability.Always.class)
class TwoNodesShareDrivesIT {

    private static final String PASSWORD = "two-nodes-admin-1";
    private static final String LIBRARY = "shared";
    private static final int RUNS = 20;
    private static final int FILES_PER_RUN = 12;
    private static final long CARTRIDGE = 256L << 20;
    /** Robot moves and a bandwidth cap: a run holds its drive for a noticeable time, so runs overlap and queue. */
    private static final LibrarySettings SLOWED = new LibrarySettings(200, 20, 2L << 20);
    private static final Duration RUNS_PATIENCE = Duration.ofMinutes(2);
    /** "2025-01-02T03:04:05.123456Z INFO - drive 0 of library 'shared' granted with tape SH0001L9" */
    private static final Pattern LEASE = Pattern.compile("^(\\S+) \\S+ \\S+ drive (\\d+) of library '" + LIBRARY + "' (granted|released)");
    private static final Pattern WORKING = Pattern.compile("^(\\S+) \\S+ \\S+ working on drive (\\d+) with tape \\S+ on node .* pid (\\d+)$");

    private ItRun run;
    private Map<String, String> database;
    private Path libraryDir;
    private Path sourceDir;

    @AfterEach
    void stopNodes() {
        if (run != null) {
            run.killNodes();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twentyArchiveRunsOnTwoNodesNeverShareADriveAndCatalogEachFileOnce() throws Throwable {
        run = ItRun.of("two-nodes");
        database = TestDatabase.createOnMariaDb();
        libraryDir = run.tempDir("tf-two-nodes-lib").resolve(LIBRARY);
        sourceDir = run.tempDir("tf-two-nodes-src");
        run.mark("run dir " + run.dir() + ", database " + database.get("datasources.default.url") + ", library " + libraryDir
                + ", sources " + sourceDir);
        run.carryOut(this::archiveOnTwoNodes);
    }

    private void archiveOnTwoNodes() throws Exception {
        Map<String, byte[]> sources = writeSources();
        // Node 1 first: it creates the schema; then node 2 joins the same database.
        JarNode first = startNode(1);
        JarNode second = startNode(2);
        NodeApi api = first.api();

        long pool = libraryAndPool(api);
        long container = NodeApi.expectJson(api.post("/api/v2/containers", NodeApi.object("name", "sources", "path", sourceDir.toString())), 201)
                .get("id").asLong();
        List<Long> tasks = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long task = NodeApi.expectJson(api.post("/api/v2/tasks", NodeApi.object("name", tree(i), "workflow_type", "active_archive",
                    "workflow_action", "copy", "source_type", "container", "destination_type", "secondary_tape")), 201).get("id").asLong();
            NodeApi.expectJson(api.post("/api/v2/tasks/" + task + "/task_sources", NodeApi.object("container_id", container,
                    "file_path", "/" + tree(i))), 201);
            NodeApi.expectJson(api.post("/api/v2/tasks/" + task + "/task_destinations", NodeApi.object("pool_id", pool,
                    "folder_path", "/")), 201);
            tasks.add(task);
        }
        run.mark(RUNS + " archive tasks of " + FILES_PER_RUN + " files each, container " + container + " -> pool " + pool);

        Map<Long, String> jobs = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            NodeApi through = i % 2 == 0 ? first.api() : second.api();
            jobs.put(tasks.get(i), NodeApi.expectJson(through.put("/api/v2/tasks/" + tasks.get(i) + "/action/run", "{}"), 202)
                    .get("job_id").asText());
        }
        run.mark("all runs requested, alternately through node 1 and node 2");

        Map<Long, JsonNode> ended = run.await("the end of all " + RUNS + " runs", RUNS_PATIENCE,
                () -> endedRuns(api, jobs), runs -> runs.size() == RUNS);
        run.mark("all runs ended");

        Map<Long, String> logs = new TreeMap<>();
        for (JsonNode execution : ended.values()) {
            long id = execution.get("task_execution_id").asLong();
            logs.put(id, NodeApi.body(api.get("/api/v2/task_executions/" + id + "/log"), 200));
            Files.writeString(run.dir().resolve("execution-" + id + ".log"), logs.get(id));
        }
        for (JsonNode execution : ended.values()) {
            long id = execution.get("task_execution_id").asLong();
            JsonNode result = NodeApi.expectJson(api.get("/api/v2/task_executions/" + id), 200);
            assertEquals("done", result.get("status").asText(), () -> "execution " + id + ": " + result + "\n" + logs.get(id));
            assertEquals(FILES_PER_RUN, result.get("processed_files").asInt(), () -> "execution " + id + ": " + result);
        }

        checkLeases(logs, Map.of(first.pid(), first.name(), second.pid(), second.name()));
        checkCatalogAgainstCartridges(sources);
        assertTrue(first.isAlive() && second.isAlive(), "both nodes still up");
    }

    /**
     * Every run's lease interval, per drive: none may overlap another on the same drive. Every slice of work
     * lies inside its run's lease, on one of the two nodes, and both nodes worked.
     */
    private void checkLeases(Map<Long, String> logs, Map<Long, String> nodeNames) {
        List<Lease> leases = new ArrayList<>();
        for (Map.Entry<Long, String> log : logs.entrySet()) {
            leases.add(lease(log.getKey(), log.getValue(), nodeNames));
        }
        Map<Integer, List<Lease>> byDrive = new TreeMap<>();
        leases.forEach(lease -> byDrive.computeIfAbsent(lease.drive, d -> new ArrayList<>()).add(lease));
        for (Map.Entry<Integer, List<Lease>> drive : byDrive.entrySet()) {
            List<Lease> held = drive.getValue();
            held.sort(Comparator.comparing(Lease::granted));
            run.mark("drive " + drive.getKey() + ": " + held.size() + " leases " + held);
            for (int i = 1; i < held.size(); i++) {
                Lease before = held.get(i - 1);
                Lease after = held.get(i);
                assertFalse(after.granted.isBefore(before.released),
                        () -> "drive " + drive.getKey() + " was given to execution " + after.execution + " at " + after.granted
                                + " while execution " + before.execution + " held it until " + before.released);
            }
        }
        Map<String, Long> runsPerNode = new TreeMap<>();
        leases.forEach(lease -> lease.nodes.forEach(node -> runsPerNode.merge(node, 1L, Long::sum)));
        long crossNode = leases.stream().filter(a -> leases.stream().anyMatch(b -> a.drive != b.drive && !a.nodes.equals(b.nodes)
                && a.granted.isBefore(b.released) && b.granted.isBefore(a.released))).count();
        run.mark("runs per node " + runsPerNode + "; runs whose lease overlapped one on the other drive worked by the other node: " + crossNode);
        assertEquals(Set.of(0, 1), byDrive.keySet(), "both drives were used: " + byDrive);
        assertEquals(new TreeSet<>(nodeNames.values()), runsPerNode.keySet(), "both nodes carried out runs");
        assertTrue(crossNode > 0, "runs of the two nodes held the two drives at the same time");
    }

    /** A run's lease from its log: granted once, released once, worked on inside it by the named nodes. */
    private static Lease lease(long execution, String log, Map<Long, String> nodeNames) {
        List<Matcher> grants = new ArrayList<>();
        List<Matcher> releases = new ArrayList<>();
        List<Matcher> working = new ArrayList<>();
        for (String line : log.lines().toList()) {
            Matcher lease = LEASE.matcher(line);
            if (lease.find()) {
                (lease.group(3).equals("granted") ? grants : releases).add(lease);
            }
            Matcher work = WORKING.matcher(line);
            if (work.find()) {
                working.add(work);
            }
        }
        assertEquals(1, grants.size(), () -> "execution " + execution + " was granted a drive once:\n" + log);
        assertEquals(1, releases.size(), () -> "execution " + execution + " released its drive once:\n" + log);
        assertEquals(grants.get(0).group(2), releases.get(0).group(2), () -> "execution " + execution + " released the drive it got");
        int drive = Integer.parseInt(grants.get(0).group(2));
        Instant granted = Instant.parse(grants.get(0).group(1));
        Instant released = Instant.parse(releases.get(0).group(1));
        assertFalse(released.isBefore(granted), () -> "execution " + execution + " released after it was granted:\n" + log);
        assertFalse(working.isEmpty(), () -> "execution " + execution + " logs the node that worked on it:\n" + log);
        Set<String> nodes = new TreeSet<>();
        for (Matcher work : working) {
            Instant at = Instant.parse(work.group(1));
            assertEquals(drive, Integer.parseInt(work.group(2)), () -> "execution " + execution + " worked on its own drive:\n" + log);
            assertTrue(!at.isBefore(granted) && !at.isAfter(released),
                    () -> "execution " + execution + " worked on the drive at " + at + ", inside its lease:\n" + log);
            String node = nodeNames.get(Long.parseLong(work.group(3)));
            assertNotNull(node, () -> "execution " + execution + " ran on one of the two nodes " + nodeNames + ": " + work.group());
            nodes.add(node);
        }
        return new Lease(execution, drive, granted, released, nodes);
    }

    private record Lease(long execution, int drive, Instant granted, Instant released, Set<String> nodes) {
        @Override
        public String toString() {
            return "#" + execution + " " + nodes + " [" + granted + ", " + released + "]";
        }
    }

    /**
     * The catalog against the cartridges' own images: every source file archived once (one catalog file,
     * one copy), the entry at each copy's place holding the source's bytes, and each cartridge's free space
     * and tape file count as the database says.
     */
    private void checkCatalogAgainstCartridges(Map<String, byte[]> sources) throws Exception {
        VirtualLibrary library = VirtualLibrary.open(libraryDir);
        Map<String, Map<Integer, Map<Integer, TapeEntry>>> read = new HashMap<>();
        Map<String, byte[]> onTape = new HashMap<>();
        try (Connection db = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"))) {
            assertEquals(List.of(), strings(db, "SELECT path FROM catalog_file GROUP BY path HAVING COUNT(*) <> 1"),
                    "no file archived twice");
            assertEquals(List.of(), strings(db, "SELECT f.path FROM catalog_file f LEFT JOIN catalog_copy c ON c.file_id = f.id "
                    + "GROUP BY f.id, f.path HAVING COUNT(c.id) <> 1"), "exactly one copy of each file");
            assertEquals(List.of(), strings(db, "SELECT CONCAT(tape_barcode, ':', tape_file, ':', position) FROM catalog_copy "
                    + "GROUP BY tape_barcode, tape_file, position HAVING COUNT(*) > 1"), "one file per place on tape");
            try (PreparedStatement statement = db.prepareStatement("SELECT f.path, f.size, c.tape_barcode, c.tape_file, c.position "
                    + "FROM catalog_file f JOIN catalog_copy c ON c.file_id = f.id");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(1);
                    String barcode = rs.getString(3);
                    int tapeFile = rs.getInt(4);
                    int position = rs.getInt(5);
                    Map<Integer, TapeEntry> entries = read.computeIfAbsent(barcode, b -> new HashMap<>())
                            .computeIfAbsent(tapeFile, f -> new HashMap<>());
                    if (entries.isEmpty()) {
                        readTapeFile(library, barcode, tapeFile, entries, onTape);
                    }
                    TapeEntry entry = entries.get(position);
                    assertNotNull(entry, () -> path + ": " + barcode + " tape file " + tapeFile + " has an entry " + position);
                    assertEquals(path, "/" + entry.path(), () -> "the entry at " + barcode + ":" + tapeFile + ":" + position);
                    assertEquals(rs.getLong(2), entry.size(), path);
                }
            }
            assertEquals(new TreeSet<>(sources.keySet()), new TreeSet<>(onTape.keySet()), "every source file is on tape, nothing else");
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                assertArrayEquals(source.getValue(), onTape.get(source.getKey()), source.getKey() + " on tape equals its source");
            }
            try (PreparedStatement statement = db.prepareStatement("SELECT barcode, free, max, file_count FROM tape ORDER BY barcode");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String barcode = rs.getString(1);
                    assertEquals(library.free(barcode), rs.getLong(2), barcode + ": free space in the database = on the cartridge");
                    assertEquals(CARTRIDGE, rs.getLong(3), barcode + " max");
                    assertEquals(tapeFiles(library, barcode), rs.getInt(4), barcode + ": tape files in the database = on the cartridge");
                    run.mark(barcode + ": " + rs.getInt(4) + " tape files, " + (CARTRIDGE - rs.getLong(2)) + " bytes used");
                }
            }
        }
        run.mark("catalog: " + onTape.size() + " files, each once, byte-identical on tape");
    }

    private static void readTapeFile(VirtualLibrary library, String barcode, int tapeFile, Map<Integer, TapeEntry> entries,
                                     Map<String, byte[]> contents) throws IOException {
        Path image = library.cartridgeDirectory(barcode).resolve(String.format("%06d.tapefile", tapeFile));
        try (TapeFileReader reader = new TapeFileReader(Files.newInputStream(image), tapeFile)) {
            for (TapeEntry entry = reader.next(); entry != null; entry = reader.next()) {
                entries.put(entry.entryIndex(), entry);
                try (InputStream content = reader.content()) {
                    contents.put("/" + entry.path(), content.readAllBytes());
                }
            }
        }
    }

    private static int tapeFiles(VirtualLibrary library, String barcode) throws IOException {
        try (Stream<Path> images = Files.list(library.cartridgeDirectory(barcode))) {
            return (int) images.filter(p -> p.getFileName().toString().endsWith(".tapefile")).count();
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    private static String tree(int number) {
        return String.format("tree-%02d", number);
    }

    /** Small trees of a few KiB to 200 KiB files in two levels, keyed by the catalog path an archive to "/" gives them. */
    private Map<String, byte[]> writeSources() throws IOException {
        Map<String, byte[]> sources = new TreeMap<>();
        Random random = new Random(20250611L);
        for (int r = 0; r < RUNS; r++) {
            for (int i = 0; i < FILES_PER_RUN; i++) {
                String relative = tree(r) + (i % 3 == 0 ? "/" : "/sub-" + (i % 3) + "/") + "file-" + i + ".bin";
                byte[] content = new byte[1024 + random.nextInt(200 * 1024)];
                random.nextBytes(content);
                Path file = sourceDir.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.write(file, content);
                sources.put("/" + relative, content);
            }
        }
        run.mark("wrote " + sources.size() + " source files, " + sources.values().stream().mapToLong(b -> b.length).sum() + " bytes");
        return sources;
    }

    /** The shared library (2 drives, 6 cartridges) through node 1's API, slowed down, and a pool of all its cartridges. */
    private long libraryAndPool(NodeApi api) throws Exception {
        long library = NodeApi.expectJson(api.post("/api/v2/tape_libraries", NodeApi.object("name", LIBRARY, "protocol", "virtual",
                "device", libraryDir.toString(), "drives", 2, "storage_slots", 8, "io_slots", 1, "cartridges", 6,
                "cartridge_capacity", CARTRIDGE, "barcode_prefix", "SH")), 201).get("id").asLong();
        // Before any run: each node reads the settings when it first opens the library.
        VirtualLibrary.open(libraryDir).settings(SLOWED);
        List<Long> tapes = new ArrayList<>();
        NodeApi.expectJson(api.get("/api/v2/tapes?tape_library_id=" + library + "&limit=100"), 200).get("tapes")
                .forEach(tape -> tapes.add(tape.get("id").asLong()));
        assertEquals(6, tapes.size(), "the library's cartridges");
        long pool = NodeApi.expectJson(api.post("/api/v2/pools", NodeApi.object("name", "shared-pool", "type", "active_archive",
                "content", "tape", "tape_ids", tapes)), 201).get("id").asLong();
        run.mark("library " + library + " at " + libraryDir + " (" + SLOWED + "), pool " + pool + " of tapes " + tapes);
        return pool;
    }

    private JarNode startNode(int number) throws Exception {
        Map<String, String> environment = Map.of(
                "DATASOURCES_DEFAULT_URL", database.get("datasources.default.url"),
                "DATASOURCES_DEFAULT_USERNAME", database.get("datasources.default.username"),
                "DATASOURCES_DEFAULT_PASSWORD", database.get("datasources.default.password"),
                // each node its own data directory, as on two hosts; only the database and the library are shared
                "TAPEFLOW_DATA_DIR", run.tempDir("tf-two-nodes-data-" + number).toString(),
                // one JobRunr worker per node: while one node writes, the next run's job is the other node's, so
                // both nodes work and contend for the drives (with more workers one node tends to take every job)
                "TAPEFLOW_JOBS_WORKERS", "1");
        return run.startNode("node-" + number, JarNode.freePort(), PASSWORD, environment);
    }

    // ---- watching -------------------------------------------------------------------------------------------

    /** The runs that ended, by task; a change in how many is written to the timeline. */
    private Map<Long, JsonNode> endedRuns(NodeApi api, Map<Long, String> jobs) throws Exception {
        Map<Long, JsonNode> ended = new LinkedHashMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (Map.Entry<Long, String> job : jobs.entrySet()) {
            JsonNode status = NodeApi.expectJson(api.get("/api/v2/tasks/" + job.getKey() + "/action/run?job_id=" + job.getValue()), 200);
            String state = status.get("status").asText();
            statuses.merge(state, 1, Integer::sum);
            if (state.equals("completed") || state.equals("failed")) {
                ended.put(job.getKey(), status);
            }
        }
        String now = statuses.toString();
        if (!now.equals(lastStatuses)) {
            run.mark("runs: " + now);
            lastStatuses = now;
        }
        return ended;
    }

    private String lastStatuses = "";
}
