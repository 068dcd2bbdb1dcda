package io.tapeflow.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tapeflow.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without TAPEFLOW_ADMIN_PASSWORD the first start makes up a password and prints it once. */
@MicronautTest(transactional = false)
class GeneratedAdminPasswordTest extends ApiTestSupport {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Override
    public Map<String, String> getProperties() {
        // Runs before the application starts: listen to what the bootstrap logs.
        logged.start();
        ((Logger) LoggerFactory.getLogger(AdminBootstrap.class)).addAppender(logged);
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tapeflow.admin-password", "");
        return properties;
    }

    @Test
    void theGeneratedPasswordIsLoggedOnceAndLetsTheAdminIn() {
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("generated password")).toList();
        assertEquals(1, lines.size(), String.valueOf(logged.list));
        Matcher password = Pattern.compile("generated password: (\\S+)").matcher(lines.get(0));
        assertTrue(password.find(), lines.get(0));

        assertEquals("admin", get("/api/v2/users/me", Auth.basic("admin", password.group(1))).get("username"));
        assertEquals(401, get("/api/v2/users/me", ADMIN).status());
    }
}
