package dev.jp.api.logs;

import dev.jp.api.apps.AppState;
import dev.jp.api.http.ApiException;
import dev.jp.events.DrainAdded;
import dev.jp.events.DrainRemoved;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Pure decisions about log drains: add (checked URL, no duplicates, at most five), remove. */
public final class DrainDecisions {

    static final int MAX_DRAINS = 5;
    private static final Set<String> SCHEMES = Set.of("syslog", "syslog+tcp", "syslog+tls", "http", "https");

    private DrainDecisions() {
    }

    /**
     * @param targets where a drain may not point: the platform's own services
     */
    public static DrainAdded add(AppState app, String url, DrainTargets targets, String by, Instant now) {
        URI uri = parse(url);
        targets.check(uri, url);
        if (app.drains().values().stream().anyMatch(d -> d.url().equals(url))) {
            throw ApiException.conflict("This drain is already added to this app: " + url);
        }
        if (app.drains().size() >= MAX_DRAINS) {
            throw ApiException.invalid("An app may have at most " + MAX_DRAINS + " log drains.");
        }
        return new DrainAdded(app.name(), by, now, app.version(), UUID.randomUUID().toString(), url,
                "d." + UUID.randomUUID());
    }

    /** Removes the drain named by its id, token or URL. */
    public static DrainRemoved remove(AppState app, String idTokenOrUrl, String by, Instant now) {
        AppState.Drain drain = app.drains().values().stream()
                .filter(d -> d.id().equals(idTokenOrUrl) || d.token().equals(idTokenOrUrl) || d.url().equals(idTokenOrUrl))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Couldn't find that drain (" + idTokenOrUrl + ")."));
        return new DrainRemoved(app.name(), by, now, app.version(), drain.id(), drain.url());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
                throw ApiException.invalid("A drain URL looks like syslog+tls://host:6514 or https://host/path, not " + url);
            }
            if (scheme.startsWith("syslog") && uri.getPort() == -1) {
                throw ApiException.invalid("A syslog drain needs a port: " + url);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw ApiException.invalid("Not a URL: " + url);
        }
    }
}
