package io.tapeflow.webhook;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.list.ListQueryParser;
import io.tapeflow.security.ApiScopes;
import io.tapeflow.security.Caller;
import io.tapeflow.security.Roles;

import java.util.Set;

/**
 * Webhooks: URLs Tapeflow tells about runs starting, finishing or failing and about tape trouble, with
 * a signed JSON POST per event. Admins only.
 */
@Controller("/api/v2/webhooks")
@Secured(Roles.ADMIN)
@Tag(name = "webhooks")
public class WebhookController {

    private final WebhookService webhooks;
    private final DeliveryStore deliveries;

    WebhookController(WebhookService webhooks, DeliveryStore deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    /**
     * Lists webhooks with the filters, sort and paging of all lists; {@code events=tape_full} finds the
     * webhooks told about full tapes.
     */
    @Get
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "webhooks/index")
    public WebhookList listWebhooks(HttpRequest<?> request) {
        return webhooks.list(ListQueryParser.parse(WebhookService.SCHEMA, request.getParameters().asMap(), Set.of()));
    }

    /**
     * Creates a webhook. Each event it subscribes to (execution_started, execution_finished,
     * execution_failed, tape_full, tape_error, drive_error) is POSTed to {@code url} as JSON
     * {@code {"event", "occurred_at", "execution"|"tape"|"pool"|"drive"...}} with the header
     * {@code X-Tapeflow-Signature} set to {@code sha256=} followed by the hex HMAC-SHA256 of the body
     * keyed by {@code secret}; failed deliveries are retried with a growing wait. {@code secret} is
     * never shown again.
     */
    @Post
    @Status(HttpStatus.CREATED)
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "webhooks/create")
    public WebhookView createWebhook(@Body @RequestBody(content = @Content(schema = @Schema(implementation = WebhookRequest.class))) JsonNode body,
                                     Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        WebhookRequest request = WebhookRequest.read(body, true, errors);
        return webhooks.view(webhooks.create(request, errors, Caller.of(authentication)));
    }

    /** One webhook, by numeric id. */
    @Get("/{webhook_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "webhooks/show")
    public WebhookView getWebhook(@PathVariable("webhook_id") String webhookId) {
        return webhooks.view(webhooks.find(webhookId));
    }

    /** Changes the fields the body carries; {@code events}, when sent, replaces the subscriptions. */
    @Put("/{webhook_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "webhooks/update")
    public WebhookView updateWebhook(@PathVariable("webhook_id") String webhookId,
                                     @Body @RequestBody(content = @Content(schema = @Schema(implementation = WebhookRequest.class))) JsonNode body,
                                     Authentication authentication) {
        Webhook webhook = webhooks.find(webhookId);
        FieldErrors errors = new FieldErrors();
        WebhookRequest request = WebhookRequest.read(body, false, errors);
        return webhooks.view(webhooks.update(webhook, request, errors, Caller.of(authentication)));
    }

    /** Deletes a webhook and its deliveries; those not sent yet never will be. */
    @Delete("/{webhook_id}")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "webhooks/destroy")
    public HttpResponse<Void> destroyWebhook(@PathVariable("webhook_id") String webhookId) {
        webhooks.delete(webhooks.find(webhookId));
        return HttpResponse.noContent();
    }

    /**
     * Lists a webhook's deliveries (newest last unless sorted otherwise) with the filters, sort and
     * paging of all lists: {@code status} queued|working|completed|failed, {@code attempts},
     * {@code status_code} of the latest attempt, {@code last_error}, and the times.
     */
    @Get("/{webhook_id}/deliveries")
    @SecurityRequirement(name = "basic")
    @SecurityRequirement(name = ApiScopes.SCHEME, scopes = "webhooks/deliveries")
    public DeliveryList listWebhookDeliveries(@PathVariable("webhook_id") String webhookId, HttpRequest<?> request) {
        long webhook = webhooks.find(webhookId).id();
        return deliveries.list(webhook, ListQueryParser.parse(DeliveryStore.SCHEMA, request.getParameters().asMap(), Set.of()));
    }
}
