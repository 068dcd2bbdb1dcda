package io.tapeflow.webhook;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of a webhook an admin writes; null means "not sent" (an update keeps the current value).
 * {@code url} is an absolute http(s) URL; {@code events} the events it is told about (at least one);
 * {@code secret} the key deliveries are signed with (at least 16 characters), never
 * shown again; {@code active} defaults to true.
 */
@Serdeable
public record WebhookRequest(String url, List<WebhookEventType> events, String secret, Boolean active) {

    static final int MIN_SECRET = 16;
    private static final Set<String> WRITABLE = Set.of("url", "events", "secret", "active");
    private static final Set<String> READ_ONLY = Set.of("id", "has_secret", "creation_date", "modification_date",
            "creation_username", "modification_username");

    static WebhookRequest read(JsonNode node, boolean create, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        String url = body.text("url", 2000, create || body.has("url"));
        if (url != null && !isHttpUrl(url)) {
            errors.add("url", "invalid", "url must be an absolute http or https URL, e.g. https://hooks.example.com/tapeflow");
        }
        String secret = body.text("secret", 255, create || body.has("secret"));
        if (secret != null && secret.length() < MIN_SECRET) {
            errors.add("secret", "too_short", MIN_SECRET, "secret is too short (minimum is " + MIN_SECRET + " characters)");
        }
        return new WebhookRequest(url, events(body, create, errors), secret, body.bool("active"));
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The events sent, without repeats and in the enum's order; null when not sent. */
    private static List<WebhookEventType> events(JsonBody body, boolean create, FieldErrors errors) {
        List<JsonNode> elements = body.array("events");
        if (elements == null) {
            if (create && !errors.has("events")) {
                errors.add("events", "blank", "events can't be blank");
            }
            return null;
        }
        if (elements.isEmpty()) {
            errors.add("events", "blank", "events can't be blank: name at least one of " + allowed());
            return null;
        }
        EnumSet<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (JsonNode element : elements) {
            WebhookEventType event = element.isString() ? parse(element.getStringValue()) : null;
            if (event == null) {
                errors.add("events", "inclusion", element.isString() ? element.getStringValue() : null,
                        "events must be among " + allowed());
                return null;
            }
            events.add(event);
        }
        return List.copyOf(events);
    }

    private static WebhookEventType parse(String name) {
        return Arrays.stream(WebhookEventType.values()).filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    private static String allowed() {
        return String.join(", ", Arrays.stream(WebhookEventType.values()).map(Enum::name).toList());
    }
}
