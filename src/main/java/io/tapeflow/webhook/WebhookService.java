package io.tapeflow.webhook;

import io.tapeflow.audit.AuditLog;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import io.tapeflow.api.ApiException;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.PathIds;
import io.tapeflow.list.Attribute;
import io.tapeflow.list.ListExecutor;
import io.tapeflow.list.ListPage;
import io.tapeflow.list.ListQuery;
import io.tapeflow.list.ListSchema;
import io.tapeflow.list.SqlFragment;
import io.tapeflow.persistence.DbTime;
import io.tapeflow.persistence.Sql;
import io.tapeflow.security.Caller;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Webhooks and the events each subscribes to; only admins see or change them. */
@Singleton
class WebhookService {

    static final ListSchema SCHEMA = ListSchema.of("webhooks", "webhook", List.of(
            Attribute.integer("id", "id"),
            Attribute.text("url", "url"),
            Attribute.bool("active", "active"),
            Attribute.instant("creation_date", "creation_date"),
            Attribute.instant("modification_date", "modification_date"),
            Attribute.text("creation_username", "creation_username"),
            Attribute.text("modification_username", "modification_username"),
            Attribute.related(Attribute.enumeration("events", "e.event", WebhookEventType.class),
                    "SELECT 1 FROM webhook_event e WHERE e.webhook_id = webhook.id AND %s")));

    private final AuditLog audit;
    private final WebhookRepository webhooks;
    private final ListExecutor lists;
    private final JdbcOperations jdbc;

    WebhookService(WebhookRepository webhooks, ListExecutor lists, JdbcOperations jdbc, AuditLog audit) {
        this.audit = audit;
        this.webhooks = webhooks;
        this.lists = lists;
        this.jdbc = jdbc;
    }

    @ReadOnly
    public WebhookList list(ListQuery query) {
        ListPage<Webhook> page = lists.fetch(SCHEMA, "*", query, SqlFragment.TRUE, Webhook.class);
        Map<Long, List<WebhookEventType>> events = events(page.rows().stream().map(Webhook::id).toList());
        return new WebhookList(page.count(), page.rows().stream()
                .map(w -> WebhookView.of(w, events.getOrDefault(w.id(), List.of()))).toList(), page.nextCursor());
    }

    /**
     * A webhook by its numeric id (webhooks have no name).
     *
     * @throws ApiException 404 when there is none
     */
    public Webhook find(String id) {
        return PathIds.numeric(id).stream().boxed().findFirst().flatMap(webhooks::findById)
                .orElseThrow(() -> ApiException.notFound("webhook", id));
    }

    @ReadOnly
    public WebhookView view(Webhook webhook) {
        return WebhookView.of(webhook, events(List.of(webhook.id())).getOrDefault(webhook.id(), List.of()));
    }

    @Transactional
    public Webhook create(WebhookRequest request, FieldErrors errors, Caller caller) {
        errors.throwIfAny();
        Instant now = DbTime.now();
        Webhook webhook = webhooks.save(new Webhook(null, request.url(), request.secret(), Objects.requireNonNullElse(request.active(), true),
                now, now, caller.username(), caller.username()));
        writeEvents(webhook.id(), request.events());
        audit.created("webhooks", webhook);
        return webhook;
    }

    /** Applies the fields the request carries; {@code events}, when sent, replaces the subscriptions. */
    @Transactional
    public Webhook update(Webhook webhook, WebhookRequest request, FieldErrors errors, Caller caller) {
        errors.throwIfAny();
        webhooks.update(webhook.id(), Objects.requireNonNullElse(request.url(), webhook.url()),
                Objects.requireNonNullElse(request.secret(), webhook.secret()),
                Objects.requireNonNullElse(request.active(), webhook.active()), DbTime.now(), caller.username());
        if (request.events() != null) {
            writeEvents(webhook.id(), request.events());
        }
        Webhook updated = webhooks.findById(webhook.id()).orElseThrow();
        audit.updated("webhooks", webhook, updated);
        return updated;
    }

    /** Forgets the webhook with its deliveries; deliveries still queued are not sent. */
    @Transactional
    public void delete(Webhook webhook) {
        webhooks.delete(webhook);
        audit.destroyed("webhooks", webhook);
    }

    /** The active webhooks subscribed to an event. */
    @ReadOnly
    public List<Webhook> subscribers(WebhookEventType event) {
        return jdbc.prepareStatement("SELECT w.* FROM webhook w JOIN webhook_event e ON e.webhook_id = w.id "
                + "WHERE e.event = ? AND w.active = TRUE ORDER BY w.id", statement -> {
            statement.setString(1, event.name());
            List<Webhook> found = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(jdbc.readEntity(rs, Webhook.class));
                }
            }
            return found;
        });
    }

    private void writeEvents(long webhookId, List<WebhookEventType> events) {
        Sql.update(jdbc, "DELETE FROM webhook_event WHERE webhook_id = ?", webhookId);
        for (WebhookEventType event : events) {
            Sql.update(jdbc, "INSERT INTO webhook_event (webhook_id, event) VALUES (?, ?)", webhookId, event.name());
        }
    }

    /** The subscriptions of some webhooks, in the enum's order. */
    private Map<Long, List<WebhookEventType>> events(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(", "));
        return jdbc.prepareStatement("SELECT webhook_id, event FROM webhook_event WHERE webhook_id IN (" + marks + ")", statement -> {
            for (int i = 0; i < ids.size(); i++) {
                statement.setLong(i + 1, ids.get(i));
            }
            Map<Long, EnumSet<WebhookEventType>> found = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.computeIfAbsent(rs.getLong(1), id -> EnumSet.noneOf(WebhookEventType.class))
                            .add(WebhookEventType.valueOf(rs.getString(2)));
                }
            }
            Map<Long, List<WebhookEventType>> lists = new HashMap<>();
            found.forEach((id, set) -> lists.put(id, List.copyOf(set)));
            return lists;
        });
    }
}
