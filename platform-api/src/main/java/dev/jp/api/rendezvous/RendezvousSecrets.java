package dev.jp.api.rendezvous;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secrets in {@code attach_url}s: {@code <dyno id>.<issued>.<base64url HMAC-SHA256(key, dyno id.issued)>}.
 * The dyno id is the name-based UUID of the app's id and the dyno's name (as the dynos resource
 * shows it), so a secret is bound to one dyno of one app, and 256 bits of HMAC make it
 * unguessable. {@code issued} is when the one-off was requested (epoch seconds), signed with the
 * rest, so the rendezvous can refuse a secret nobody used in time ({@link SecretUses}); it is the
 * request's time, not the moment of issuing, so the API's answer and every later derivation of the
 * desired dyno hand out the same secret. Verified without any state, in constant time.
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

    /** The secret of an app's attached dyno requested at {@code requestedAt}. */
    public String issue(String appId, String dyno, Instant requestedAt) {
        String signed = dynoId(appId, dyno) + "." + requestedAt.getEpochSecond();
        return signed + "." + ENCODER.encodeToString(hmac(key, signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether {@code secret} is one this key issued. */
    public boolean verify(String secret) {
        return issuedAt(secret).isPresent();
    }

    /** When the dyno of a secret this key issued was requested; empty for any other string. */
    public Optional<Instant> issuedAt(String secret) {
        int last = secret == null ? -1 : secret.lastIndexOf('.');
        int first = secret == null ? -1 : secret.indexOf('.');
        if (first <= 0 || last <= first + 1) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = DECODER.decode(secret.substring(last + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String signed = secret.substring(0, last);
        if (!MessageDigest.isEqual(hmac(key, signed.getBytes(StandardCharsets.UTF_8)), signature)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(secret.substring(first + 1, last))));
        } catch (NumberFormatException | java.time.DateTimeException signedButOdd) {
            return Optional.empty(); // only this key could have signed it, and it never signs such a thing
        }
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
