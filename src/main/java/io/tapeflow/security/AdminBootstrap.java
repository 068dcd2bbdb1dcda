package io.tapeflow.security;

import io.tapeflow.persistence.DbTime;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * On the first start against an empty database, creates the {@code admin} user with the password in
 * TAPEFLOW_ADMIN_PASSWORD, or a random one printed once in the log.
 */
@Singleton
public class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final String configuredPassword;

    public AdminBootstrap(UserRepository users, PasswordHasher hasher,
                          @Value("${tapeflow.admin-password:}") String configuredPassword) {
        this.users = users;
        this.hasher = hasher;
        this.configuredPassword = configuredPassword;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        Instant now = DbTime.now();
        try {
            users.save(new User(null, "admin", hasher.hash(password), Role.admin, now, now, "system", "system"));
        } catch (DataAccessException e) {
            LOG.info("Another node created the admin user first");
            return;
        }
        if (generated) {
            LOG.warn("Created user 'admin' with the generated password: {} (set TAPEFLOW_ADMIN_PASSWORD to choose it)", password);
        } else {
            LOG.info("Created user 'admin' with the password from TAPEFLOW_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
