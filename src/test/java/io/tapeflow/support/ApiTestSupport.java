package io.tapeflow.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the HTTP tests: a real server on a random port over a fresh database (H2 or MariaDB, see
 * {@link TestDatabase}), and helpers to call it as admin, as other users or with API keys.
 * Concrete classes add {@code @MicronautTest}.
 */
@Tag("database")
@ExtendWith(MariaDbAvailability.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestSupport implements TestPropertyProvider {

    public static final String ADMIN_PASSWORD = "admin-secret-1";

    @Inject
    @Client("/")
    protected HttpClient client;

    @Inject
    protected JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.create());
        properties.put("tapeflow.admin-password", ADMIN_PASSWORD);
        properties.put("tapeflow.jobs.dashboard", "false");
        properties.put("micronaut.server.port", "-1");
        try {
            properties.put("tapeflow.data-dir", Files.createTempDirectory("tapeflow-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Credentials for a request: Basic for users, Bearer for API keys, or none. */
    public record Auth(String header) {
        public static final Auth NONE = new Auth(null);

        public static Auth basic(String username, String password) {
            return new Auth("Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        public static Auth bearer(String key) {
            return new Auth("Bearer " + key);
        }
    }

    protected static final Auth ADMIN = Auth.basic("admin", ADMIN_PASSWORD);

    protected ApiResponse get(String path, Auth auth) {
        return send(HttpRequest.GET(path), auth);
    }

    protected ApiResponse post(String path, Object body, Auth auth) {
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), auth);
    }

    protected ApiResponse put(String path, Object body, Auth auth) {
        return send(HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), auth);
    }

    protected ApiResponse delete(String path, Auth auth) {
        return send(HttpRequest.DELETE(path), auth);
    }

    protected ApiResponse send(MutableHttpRequest<?> request, Auth auth) {
        if (auth.header() != null) {
            request.header(HttpHeaders.AUTHORIZATION, auth.header());
        }
        HttpResponse<String> response;
        try {
            response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            String raw = e.getResponse().getBody(String.class).orElse("");
            return new ApiResponse(e.getStatus().getCode(), parse(raw), raw, headers(e.getResponse()));
        }
        String raw = response.getBody(String.class).orElse("");
        return new ApiResponse(response.code(), parse(raw), raw, headers(response));
    }

    private static Map<String, List<String>> headers(HttpResponse<?> response) {
        Map<String, List<String>> headers = new HashMap<>();
        response.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        return headers;
    }

    private Object parse(String raw) {
        if (raw == null || raw.isBlank() || !(raw.startsWith("{") || raw.startsWith("["))) {
            return null;
        }
        try {
            return json.readValue(raw, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a user with the given role and returns credentials for them. */
    protected Auth createUser(String username, String role) {
        String password = username + "-password";
        ApiResponse created = post("/api/v2/users", Map.of("username", username, "password", password, "role", role), ADMIN);
        if (created.status() != 201) {
            throw new AssertionError("could not create user " + username + ": " + created);
        }
        return Auth.basic(username, password);
    }

    /** Creates an API key with the given scopes for the user and returns it as credentials. */
    protected Auth createKey(Auth owner, String... scopes) {
        List<Map<String, String>> scopeList = java.util.Arrays.stream(scopes)
                .map(s -> Map.of("controller", s.substring(0, s.indexOf('/')), "action", s.substring(s.indexOf('/') + 1)))
                .toList();
        ApiResponse created = post("/api/v2/users/me/api_keys", Map.of("name", "key", "api_key_scopes", scopeList), owner);
        if (created.status() != 201) {
            throw new AssertionError("could not create key: " + created);
        }
        return Auth.bearer((String) created.get("key"));
    }

    /** Creates a task with the given fields on top of a minimal valid one. */
    protected ApiResponse createTask(Auth auth, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "task", "workflow_type", "active_archive",
                "workflow_action", "copy", "source_type", "container", "destination_type", "container"));
        body.putAll(fields);
        return post("/api/v2/tasks", body, auth);
    }
}
