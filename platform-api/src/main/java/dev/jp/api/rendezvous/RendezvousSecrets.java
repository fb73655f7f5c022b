package dev.jp.api.rendezvous;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets in {@code attach_url}s: {@code <dyno id>.<base64url HMAC-SHA256(key, dyno id)>}.
 * The dyno id is the name-based UUID of the app's id and the dyno's name (as the dynos resource
 * shows it), so a secret is bound to one dyno of one app, and 256 bits of HMAC make it
 * unguessable. Verified without any state, in constant time.
 */
public final class RendezvousSecrets {

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    private RendezvousSecrets(byte[] key) {
        this.key = key;
    }

    /**
     * Signs with a key derived from {@code configured} (under a label of its own, so a secret shared
     * with another purpose, such as the log-session key, never signs the same thing twice).
     */
    public static RendezvousSecrets derivedFrom(String configured) {
        return new RendezvousSecrets(hmac(configured.getBytes(StandardCharsets.UTF_8),
                "jp rendezvous key v1".getBytes(StandardCharsets.UTF_8)));
    }

    /** Signs with a random key: the secrets live as long as this process. */
    public static RendezvousSecrets random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new RendezvousSecrets(key);
    }

    /** The dyno's id, as the dynos resource shows it. */
    public static String dynoId(String appId, String dyno) {
        return UUID.nameUUIDFromBytes((appId + "/" + dyno).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String issue(String appId, String dyno) {
        String id = dynoId(appId, dyno);
        return id + "." + ENCODER.encodeToString(hmac(key, id.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code secret} is one this key issued. */
    public boolean verify(String secret) {
        int dot = secret == null ? -1 : secret.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        byte[] signature;
        try {
            signature = DECODER.decode(secret.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, secret.substring(0, dot).getBytes(StandardCharsets.UTF_8)), signature);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
