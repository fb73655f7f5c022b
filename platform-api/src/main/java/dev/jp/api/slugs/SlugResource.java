package dev.jp.api.slugs;

import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.Apps;
import dev.jp.api.apps.StateJson;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.Ref;
import dev.jp.events.SlugCreated;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Slugs: {@code POST /apps/{app}/slugs} asks for one and answers where to PUT its tarball; the PUT
 * streams it to the blob store, checks it, and only then records {@code slug.created.v1}.
 * Runners fetch tarballs at {@code /internal/slugs/{id}}.
 */
@Path("/apps/{app}/slugs")
@Produces(MediaType.APPLICATION_JSON)
public class SlugResource {

    private static final Ref STACK = new Ref("00000000-0000-4000-8000-000000000022", "jp-22");

    private final Apps apps;
    private final Mutiny.SessionFactory sessions;
    private final BlobStore blobs;
    private final SlugUrls urls;

    public SlugResource(Apps apps, Mutiny.SessionFactory sessions, BlobStore blobs, SlugUrls urls) {
        this.apps = apps;
        this.sessions = sessions;
        this.blobs = blobs;
        this.urls = urls;
    }

    /** The body of {@code POST /apps/{app}/slugs}. */
    public record CreateSlug(Map<String, String> processTypes, String commit, String commitDescription, String checksum,
                             String stack, String buildpackProvidedDescription) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@PathParam("app") String app, CreateSlug body, @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        CreateSlug slug = body == null ? new CreateSlug(null, null, null, null, null, null) : body;
        if (slug.processTypes() != null) {
            Procfile.check(slug.processTypes());
        }
        if (slug.checksum() != null && !slug.checksum().matches("SHA256:[0-9a-f]{64}")) {
            throw ApiException.invalid("checksum must be SHA256:<64 hex digits>.");
        }
        return apps.owned(app, account).chain(state -> {
            SlugUploadRow row = new SlugUploadRow();
            row.id = UUID.randomUUID().toString();
            row.appName = app;
            row.processTypes = slug.processTypes() == null ? null : StateJson.write(slug.processTypes());
            row.commit = slug.commit();
            row.commitDescription = slug.commitDescription();
            row.checksum = slug.checksum();
            row.byEmail = account.email();
            row.createdAt = Instant.now();
            return sessions.withTransaction(session -> session.persist(row)).replaceWith(row);
        }).map(row -> Response.status(201).entity(new SlugView(row.id, new SlugView.Blob("PUT", urls.upload(row.id)),
                null, row.checksum, row.commit, row.commitDescription, slug.processTypes(), null, STACK,
                row.createdAt, row.createdAt)).build());
    }

    @GET
    @Path("{id}")
    public Uni<SlugView> info(@PathParam("app") String app, @PathParam("id") String id, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request))
                .chain(state -> sessions.withSession(session -> session.find(SlugRow.class, id)))
                .map(row -> {
                    if (row == null || !row.appName.equals(app)) {
                        throw ApiException.notFound("Couldn't find that slug.");
                    }
                    return view(row);
                });
    }

    static SlugView view(SlugRow row) {
        return new SlugView(row.id, null, null, row.checksum, row.commit, row.commitDescription,
                StateJson.readMap(row.processTypes), row.size, STACK, row.createdAt, row.createdAt);
    }
}
