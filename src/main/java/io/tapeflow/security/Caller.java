package io.tapeflow.security;

import io.micronaut.security.authentication.Authentication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who makes a request: the user, their role, and the API key when one was used (whose scopes then
 * limit the request further).
 */
public record Caller(long userId, String username, Role role, Long apiKeyId, Set<String> scopes) {

    private static final String USER_ID = "user_id";
    private static final String API_KEY_ID = "api_key_id";
    private static final String SCOPES = "scopes";

    public static Caller of(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        Object keyId = attributes.get(API_KEY_ID);
        Object scopes = attributes.get(SCOPES);
        return new Caller(((Number) attributes.get(USER_ID)).longValue(), authentication.getName(),
                Role.valueOf(authentication.getRoles().iterator().next()),
                keyId == null ? null : ((Number) keyId).longValue(),
                scopes == null ? Set.of() : Set.copyOf((List<String>) scopes));
    }

    public Authentication toAuthentication() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(USER_ID, userId);
        if (apiKeyId != null) {
            attributes.put(API_KEY_ID, apiKeyId);
            attributes.put(SCOPES, List.copyOf(scopes));
        }
        return Authentication.build(username, List.of(role.name()), attributes);
    }

    public boolean isAdmin() {
        return role == Role.admin;
    }

    public boolean usesApiKey() {
        return apiKeyId != null;
    }
}
