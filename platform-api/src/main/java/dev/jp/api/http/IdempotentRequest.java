package dev.jp.api.http;

import jakarta.enterprise.context.RequestScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The {@code Idempotency-Key} of the write being served, carried from the HTTP filter to the event
 * it appends (as Kafka headers), so the projector can recognise a retry even when the first answer
 * never reached the client: the 503 "recorded but not yet applied" case, whose event is applied
 * later. A retry then finds the key {@linkplain #alreadyApplied() applied} and changes nothing.
 */
@RequestScoped
public class IdempotentRequest {

    /** Kafka header naming {@code <account id>:<key>} on an event appended by a keyed request. */
    public static final String KEY_HEADER = "jp-idempotency-key";
    /** Kafka header naming the request ({@code METHOD path}) that appended the event. */
    public static final String REQUEST_HEADER = "jp-idempotency-request";

    private String key;
    private String request;
    private String appliedToApp;

    void begin(String key, String request) {
        this.key = key;
        this.request = request;
    }

    void applied(String app) {
        this.appliedToApp = app;
    }

    /** True when an earlier try of this request already changed the app and only its answer was lost. */
    public boolean alreadyApplied() {
        return appliedToApp != null;
    }

    /** The app the earlier try changed (a create without a name got a generated one). */
    public String appliedToApp() {
        return appliedToApp;
    }

    /** Marks an event appended for this request. */
    public void tag(Headers headers) {
        if (key != null) {
            headers.add(KEY_HEADER, key.getBytes(StandardCharsets.UTF_8));
            headers.add(REQUEST_HEADER, request.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The key and request an event was appended for, or null when it carried no key. */
    public static Tag tagOf(Headers headers) {
        Header key = headers.lastHeader(KEY_HEADER);
        Header request = headers.lastHeader(REQUEST_HEADER);
        return key == null || request == null ? null
                : new Tag(new String(key.value(), StandardCharsets.UTF_8), new String(request.value(), StandardCharsets.UTF_8));
    }

    public record Tag(String key, String request) {
    }
}
