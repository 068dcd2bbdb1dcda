package io.tapeflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The REST API of a Tapeflow node running as its own process (see {@link JarNode}), called as admin with plain JDK HTTP. */
public final class NodeApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String auth;

    public NodeApi(int port, String adminPassword) {
        this.port = port;
        this.auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    public int port() {
        return port;
    }

    /** Whether {@code GET /health} answers 200; false while the node is not listening yet. */
    public boolean healthy() throws InterruptedException {
        try {
            return http.send(request("/health").timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path).header("Authorization", auth).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a response that must have {@code status}. */
    public static String body(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " " + response.uri() + ": " + response.body());
        return response.body();
    }

    /** The JSON body of a response that must have {@code status}. */
    public static JsonNode expectJson(HttpResponse<String> response, int status) {
        try {
            return JSON.readTree(body(response, status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object of the given keys and values, in order. */
    public static String object(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15));
    }
}
