package io.tapeflow.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SecretsTest {

    @Test
    void passwordsInJdbcUrlsAreMaskedAndTheRestIsKept() {
        assertEquals("jdbc:mariadb://db:3306/tapeflow?user=tf&password=********&useSsl=true",
                Secrets.jdbcUrl("jdbc:mariadb://db:3306/tapeflow?user=tf&password=hunter2&useSsl=true"));
        assertEquals("jdbc:mariadb://tf:********@db:3306/tapeflow",
                Secrets.jdbcUrl("jdbc:mariadb://tf:hunter2@db:3306/tapeflow"));
        assertEquals("jdbc:mariadb://db/tapeflow?trustStorePassword=********&keyStorePassword=********",
                Secrets.jdbcUrl("jdbc:mariadb://db/tapeflow?trustStorePassword=s3cr3t&keyStorePassword=x"));
        assertEquals("jdbc:h2:file:./data/tapeflow;MODE=MariaDB;PASSWORD=********;IGNORECASE=TRUE",
                Secrets.jdbcUrl("jdbc:h2:file:./data/tapeflow;MODE=MariaDB;PASSWORD=pw;IGNORECASE=TRUE"));
        String plain = "jdbc:h2:file:./data/tapeflow;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
        assertEquals(plain, Secrets.jdbcUrl(plain));
    }

    @Test
    void aSecretIsOnlySaidToBeSet() {
        assertEquals(Secrets.MASK, Secrets.mask("admin-secret"));
        assertNull(Secrets.mask(""));
        assertNull(Secrets.mask(null));
    }
}
