package io.tapeflow.library;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiResponse;
import io.tapeflow.support.ApiTestSupport;
import io.tapeflow.support.TestSql;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TapeLibraryApiTest extends ApiTestSupport {

    private static final List<String> CONTRACT_FIELDS = List.of("id", "name", "comment", "protocol", "device", "serial",
            "vendor", "product", "storage_slots", "io_slots", "status", "creation_date", "modification_date",
            "creation_username", "modification_username");

    @Inject
    DataSource dataSource;

    private Auth user;
    private Auth guest;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tapeflow.library.virtual-capacity", "4194304");
        return properties;
    }

    @BeforeAll
    void users() {
        user = createUser("ursula", "user");
        guest = createUser("gus", "guest");
    }

    private ApiResponse createVirtual(String name, String prefix, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "protocol", "virtual", "barcode_prefix", prefix));
        body.putAll(fields);
        return post("/api/v2/tape_libraries", body, ADMIN);
    }

    @Test
    void aVirtualLibraryGetsItsDirectoryDefaultsAndCartridges() throws java.io.IOException {
        ApiResponse created = createVirtual("robot", "RB", Map.of());

        assertEquals(201, created.status(), created.raw());
        assertEquals(CONTRACT_FIELDS, List.copyOf(created.body().keySet()));
        assertEquals("virtual", created.get("protocol"));
        assertEquals("online", created.get("status"));
        assertEquals(20, created.get("storage_slots"));
        assertEquals(2, created.get("io_slots"));
        assertEquals("admin", created.get("creation_username"));
        Path device = Path.of((String) created.get("device"));
        assertTrue(device.endsWith(Path.of("libraries", "robot")), device.toString());
        assertTrue(Files.exists(device.resolve("slots/1/RB0001L9/cartridge.properties")));
        assertTrue(Files.exists(device.resolve("slots/10/RB0010L9/cartridge.properties")));
        try (var slot11 = Files.list(device.resolve("slots/11"))) {
            assertFalse(slot11.findAny().isPresent(), "slot 11 is empty");
        }
        assertEquals(created.body(), get("/api/v2/tape_libraries/robot", user).body());
    }

    @Test
    void geometryIsCheckedAndEveryMistakeReportedTogether() {
        ApiResponse response = post("/api/v2/tape_libraries", Map.of("name", "bad", "storage_slots", 3, "cartridges", 4,
                "drive_devices", List.of("/dev/nst0"), "barcode_prefix", "tf", "colour", "red"), ADMIN);

        assertEquals(422, response.status(), response.raw());
        assertEquals(List.of("less_than_or_equal_to"), response.errorKinds("cartridges"));
        assertEquals(List.of("invalid"), response.errorKinds("drive_devices"));
        assertEquals(List.of("invalid"), response.errorKinds("barcode_prefix"));
        assertEquals(List.of("invalid"), response.errorKinds("colour"));
    }

    @Test
    void aBarcodePrefixInUseIsTaken() {
        assertEquals(201, createVirtual("first-tf", "DUP", Map.of("cartridges", 1)).status());

        ApiResponse second = createVirtual("second-tf", "DUP", Map.of("cartridges", 2));

        assertEquals(422, second.status(), second.raw());
        assertEquals(List.of("taken"), second.errorKinds("barcode_prefix"));
        assertEquals(404, get("/api/v2/tape_libraries/second-tf", ADMIN).status());
    }

    @Test
    void aLibraryNameInUseIsTakenAndNothingIsCreated() {
        assertEquals(201, createVirtual("same-name", "SN", Map.of("cartridges", 1)).status());

        ApiResponse second = createVirtual("same-name", "SM", Map.of("cartridges", 1));

        assertEquals(422, second.status(), second.raw());
        assertEquals(List.of("taken"), second.errorKinds("name"));
        assertEquals(404, get("/api/v2/tapes/SM0001L9", ADMIN).status(), "no cartridge of the refused library exists");
    }

    @Test
    void aScsiLibraryNeedsItsDevices() {
        ApiResponse missing = post("/api/v2/tape_libraries", Map.of("name", "msl", "protocol", "scsi"), ADMIN);
        ApiResponse created = post("/api/v2/tape_libraries", Map.of("name", "msl", "protocol", "scsi", "device", "/dev/sg3",
                "drive_devices", List.of("/dev/nst0", "/dev/nst1"), "storage_slots", 24), ADMIN);

        assertEquals(List.of("blank"), missing.errorKinds("device"));
        assertEquals(List.of("blank"), missing.errorKinds("drive_devices"));
        assertEquals(201, created.status(), created.raw());
        assertEquals("/dev/sg3", created.get("device"));
        assertEquals(0, created.get("io_slots"));
    }

    @Test
    void onlyAnAdminChangesLibraries() {
        Map<String, Object> body = Map.of("name", "forbidden", "barcode_prefix", "FB");

        assertEquals(403, post("/api/v2/tape_libraries", body, user).status());
        assertEquals(403, post("/api/v2/tape_libraries", body, guest).status());
        assertEquals(200, get("/api/v2/tape_libraries", guest).status());
    }

    @Test
    void updateChangesEditableFieldsAndIgnoresTheGeometrySentBack() {
        ApiResponse created = createVirtual("editable", "ED", Map.of("cartridges", 1));
        Map<String, Object> body = new HashMap<>(created.body());
        body.put("status", "offline");
        body.put("comment", "maintenance");
        body.put("storage_slots", 99);

        ApiResponse updated = put("/api/v2/tape_libraries/" + created.id(), body, ADMIN);

        assertEquals(200, updated.status(), updated.raw());
        assertEquals("offline", updated.get("status"));
        assertEquals("maintenance", updated.get("comment"));
        assertEquals(20, updated.get("storage_slots"));
    }

    @Test
    void listFiltersAndSorts() {
        createVirtual("list-a", "LA", Map.of("cartridges", 1, "storage_slots", 5));
        createVirtual("list-b", "LB", Map.of("cartridges", 1, "storage_slots", 7));

        ApiResponse list = get("/api/v2/tape_libraries?name=~list-%25&sort_by=storage_slots:desc", ADMIN);

        assertEquals(200, list.status(), list.raw());
        assertEquals(List.of("list-b", "list-a"), list.list("tape_libraries").stream().map(l -> l.get("name")).toList());
        assertEquals(422, get("/api/v2/tape_libraries?colour=red", ADMIN).status());
    }

    @Test
    void aConfiguredDatabaseGetsNoDefaultVirtualLibrary() {
        assertEquals(404, get("/api/v2/tape_libraries/virtual", ADMIN).status());
        assertEquals(404, get("/api/v2/pools/default", ADMIN).status());
    }

    @Test
    void unknownLibraryIs404() {
        assertEquals(404, get("/api/v2/tape_libraries/999999", ADMIN).status());
        assertEquals(404, get("/api/v2/tape_libraries/nowhere", ADMIN).status());
        assertEquals(404, delete("/api/v2/tape_libraries/nowhere", ADMIN).status());
    }

    @Test
    void aLibraryWhoseCartridgesHoldCataloguedDataCannotBeDeleted() {
        long id = createVirtual("holding", "HD", Map.of("cartridges", 2)).id();
        long empty = createVirtual("empty", "EM", Map.of("cartridges", 2)).id();
        new TestSql(dataSource).catalogFileOnTape("/a", 1, "HD0002L9", 1, 0);

        ApiResponse refused = delete("/api/v2/tape_libraries/" + id, ADMIN);

        assertEquals(409, refused.status(), refused.raw());
        assertEquals(200, get("/api/v2/tape_libraries/" + id, ADMIN).status());
        assertEquals(204, delete("/api/v2/tape_libraries/" + empty, ADMIN).status());
        assertEquals(404, get("/api/v2/tape_libraries/" + empty, ADMIN).status());
    }
}
