package io.tapeflow.webhook;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sends one attempt of a delivery: a JSON POST, signed, with short timeouts, redirects not followed.
 * Answers what came back; never throws for the receiver's failure.
 */
@Singleton
class WebhookSender {

    /** How much of an error answer is kept for the operator. */
    private static final int ERROR_BODY = 300;

    private final HttpClient client;
    private final WebhookConfiguration config;

    WebhookSender(WebhookConfiguration config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The receiver's status code (null when it did not answer) and, unless it was 2xx, why the attempt failed. */
    record Outcome(Integer statusCode, String error) {
        boolean delivered() {
            return error == null;
        }
    }

    Outcome send(DeliveryStore.Attempt attempt) {
        byte[] body = attempt.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(attempt.url()))
                    .timeout(config.responseTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Tapeflow-Webhook")
                    .header("X-Tapeflow-Event", attempt.event().name())
                    .header("X-Tapeflow-Delivery", String.valueOf(attempt.deliveryId()))
                    .header(WebhookSignature.HEADER, WebhookSignature.of(attempt.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Outcome(null, "bad url: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(status, null);
                }
                String text = new String(answer.readNBytes(ERROR_BODY), StandardCharsets.UTF_8).strip();
                return new Outcome(status, "HTTP " + status + (text.isEmpty() ? "" : ": " + text));
            }
        } catch (IOException e) {
            return new Outcome(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted while sending");
        }
    }
}
