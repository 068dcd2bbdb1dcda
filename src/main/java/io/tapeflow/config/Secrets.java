package io.tapeflow.config;

import java.util.regex.Pattern;

/** Hides secrets in what an operator is shown: a password is only ever said to be set. */
final class Secrets {

    static final String MASK = "********";

    /** {@code user:password@} in the authority (MariaDB/MySQL URLs). */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*):[^/@?;]*@");
    /** {@code password=...}, {@code trustStorePassword=...}, {@code pwd=...} as a URL parameter, after ? & or ; (H2). */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;][a-z_.\\-]*(?:password|passwd|pwd|secret|token|credential)[a-z_.\\-]*=)[^&;]*");

    private Secrets() {
    }

    /** {@link #MASK} when the value is set, null when it is not. */
    static String mask(String secret) {
        return secret == null || secret.isEmpty() ? null : MASK;
    }

    /** The JDBC URL with any password in it masked. */
    static String jdbcUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO.matcher(url).replaceAll("$1:" + MASK + "@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
