package dev.jp.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.Apps;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.Range;
import dev.jp.events.EventCodec;
import dev.jp.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * jp's audit extensions: {@code GET /apps/{app}/events}, the app's history as recorded in
 * {@code platform.events} (filter by type and time, paged by offset), and
 * {@code GET /apps/{app}/state?at=TIME}, the app's release, config keys and formation at that
 * moment, folded from those events. A destroyed app's history stays readable by its owner.
 */
@Path("/apps/{app}/events")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final Apps apps;
    private final AppHistory history;
    private final ObjectMapper json;

    public AuditResource(Apps apps, AppHistory history, ObjectMapper json) {
        this.apps = apps;
        this.history = history;
        this.json = json;
    }

    /** One event of the history: where it stands in the log, and the event itself as recorded. */
    public record EventView(long offset, String type, String by, Instant occurredAt, JsonNode event) {
    }

    @GET
    public Uni<Response> events(@PathParam("app") String app, @QueryParam("type") List<String> types,
                                @QueryParam("since") String since, @QueryParam("until") String until,
                                @HeaderParam("Range") String rangeHeader, @Context ContainerRequestContext request) {
        Range range = Range.parse(rangeHeader, "offset");
        types.forEach(type -> EventType.fromWireName(type).orElseThrow(() ->
                ApiException.invalid("Unknown event type " + type + "; types look like formation.scaled.v1.")));
        Instant from = AppHistory.time(since, "since");
        Instant to = AppHistory.time(until, "until");
        return apps.ownedEver(app, Authentication.of(request)).chain(state -> history.until(app, to)).map(rows -> {
            List<EventRow> matching = rows.stream()
                    .filter(row -> types.isEmpty() || types.contains(row.type))
                    .filter(row -> from == null || !row.occurredAt.isBefore(from))
                    .toList();
            Range.Page<EventRow> page = range.page(matching, row -> row.offset);
            List<EventView> views = page.items().stream().map(this::view).toList();
            Response.ResponseBuilder response = Response.status(page.nextRange() == null ? 200 : 206).entity(views);
            return page.nextRange() == null ? response.build() : response.header("Next-Range", page.nextRange()).build();
        });
    }

    private EventView view(EventRow row) {
        try {
            return new EventView(row.offset, row.type, row.by, row.occurredAt, json.readTree(row.json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an event row is not JSON", e);
        }
    }
}
