package io.tapeflow.security;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.tapeflow.api.FieldErrors;
import io.tapeflow.api.JsonBody;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The writable fields of an API key; null means "not given". Scopes must name endpoints that exist.
 *
 * @param clearExpiry whether the body sent {@code "expires_at": null} to make the key never expire
 */
@Serdeable
public record ApiKeyRequest(String name, List<ApiKeyView.Scope> apiKeyScopes, Instant expiresAt,
                            @io.swagger.v3.oas.annotations.media.Schema(hidden = true) boolean clearExpiry) {

    private static final Set<String> WRITABLE = Set.of("name", "api_key_scopes", "expires_at");
    private static final Set<String> READ_ONLY = Set.of("id", "key", "last_used_at", "creation_date", "modification_date");

    static ApiKeyRequest read(JsonNode node, boolean complete, Set<String> knownScopes, FieldErrors errors) {
        JsonBody body = JsonBody.of(node, WRITABLE, READ_ONLY, errors);
        String name = body.text("name", 255, complete);
        List<ApiKeyView.Scope> scopes = null;
        List<JsonNode> elements = body.array("api_key_scopes");
        if (elements != null) {
            Set<String> names = new TreeSet<>();
            for (JsonNode element : elements) {
                JsonNode controller = element.isObject() ? element.get("controller") : null;
                JsonNode action = element.isObject() ? element.get("action") : null;
                String scope = controller != null && action != null && controller.isString() && action.isString()
                        ? controller.getStringValue() + "/" + action.getStringValue() : null;
                if (scope == null || !knownScopes.contains(scope)) {
                    errors.add("api_key_scopes", "inclusion", scope,
                            (scope == null ? "each scope must be {\"controller\": ..., \"action\": ...}" : scope + " is not a scope")
                                    + "; known scopes: " + String.join(", ", knownScopes));
                } else {
                    names.add(scope);
                }
            }
            scopes = names.stream().map(ApiKeyView.Scope::parse).toList();
        }
        Instant expiresAt = body.instant("expires_at");
        boolean clearExpiry = node.get("expires_at") != null && node.get("expires_at").isNull();
        return new ApiKeyRequest(name, scopes, expiresAt, clearExpiry);
    }

    String scopeText() {
        return String.join(" ", apiKeyScopes.stream().map(ApiKeyView.Scope::name).toList());
    }
}
