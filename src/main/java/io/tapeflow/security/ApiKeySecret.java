package io.tapeflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes API key secrets. Secrets carry 256 random bits, so a plain SHA-256 is enough to
 * store them safely and lets a request be authenticated with one indexed lookup.
 */
public final class ApiKeySecret {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "tf_";

    private ApiKeySecret() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String mask(String last4) {
        return "****" + last4;
    }
}
