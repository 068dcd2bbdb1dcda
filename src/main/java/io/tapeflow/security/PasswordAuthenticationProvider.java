package io.tapeflow.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Basic-auth users. bcrypt costs tens of milliseconds by design, and Basic auth sends the password on
 * every request, so a successful check is remembered for a short while under a digest of the
 * credentials (never the password itself); changing a user drops their entries.
 */
@Singleton
public class PasswordAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {

    private static final Duration REMEMBER = Duration.ofSeconds(60);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Cache<String, Caller> verified = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBER).maximumSize(10_000).build();

    public PasswordAuthenticationProvider(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        String username = credentials.getIdentity();
        // Usernames compare case-insensitively (as in the database): so do the remembered logins.
        String key = username.toLowerCase(java.util.Locale.ROOT) + '\0' + digest(credentials.getSecret());
        Caller caller = verified.getIfPresent(key);
        if (caller == null) {
            Optional<User> user = users.findByUsername(username)
                    .filter(u -> hasher.matches(credentials.getSecret(), u.passwordHash()));
            if (user.isEmpty()) {
                return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
            }
            caller = new Caller(user.get().id(), user.get().username(), user.get().role(), null, java.util.Set.of());
            verified.put(key, caller);
        }
        return AuthenticationResponse.success(caller.username(), caller.toAuthentication().getRoles(),
                caller.toAuthentication().getAttributes());
    }

    /** Forgets remembered logins of a user whose password, role or name changed. */
    public void forget(String username) {
        String prefix = username.toLowerCase(java.util.Locale.ROOT) + '\0';
        verified.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
