package dev.jp.api.slugs;

import dev.jp.api.apps.Apps;
import dev.jp.api.apps.StateJson;
import dev.jp.api.http.ApiException;
import dev.jp.events.SlugCreated;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Slug tarballs: the PUT of an asked-for slug streams it to the blob store, checks it, and only
 * then records {@code slug.created.v1}; runners GET tarballs here. The slugs' random ids are the
 * capability, as pre-signed URLs would be, so these paths take no token.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class SlugBlobResource {

    private final Apps apps;
    private final Mutiny.SessionFactory sessions;
    private final BlobStore blobs;

    public SlugBlobResource(Apps apps, Mutiny.SessionFactory sessions, BlobStore blobs) {
        this.apps = apps;
        this.sessions = sessions;
        this.blobs = blobs;
    }

    /** The tarball of a slug asked for; its random id is the capability, as an S3 pre-signed URL would be. */
    @PUT
    @Path("slug-uploads/{id}")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    public Response upload(@PathParam("id") String id, InputStream body) {
        SlugUploadRow pending = await(() -> sessions.withSession(session -> session.find(SlugUploadRow.class, id)));
        if (pending == null) {
            throw ApiException.notFound("Couldn't find that slug upload; ask for a new one.");
        }
        BlobStore.Upload upload = blobs.receive(body);
        try {
            if (pending.checksum != null && !pending.checksum.equals(upload.checksum())) {
                throw ApiException.invalid("The tarball's checksum " + upload.checksum() + " is not the one announced, " + pending.checksum + ".");
            }
            Optional<String> procfile = SlugInspector.inspect(upload.file(), blobs.maxExpandedBytes());
            Map<String, String> processTypes = pending.processTypes != null
                    ? StateJson.readMap(pending.processTypes) : SlugInspector.processTypesOf(procfile);
            blobs.keep(upload, id);
            SlugCreated event = new SlugCreated(pending.appName, pending.byEmail, Instant.now(), null, id, processTypes,
                    upload.checksum(), upload.size(), pending.commit, pending.commitDescription);
            await(() -> apps.append(event).chain(() -> sessions.withTransaction(session ->
                    session.find(SlugUploadRow.class, id).chain(row -> row == null ? Uni.createFrom().voidItem() : session.remove(row)))));
            return Response.ok(Map.of()).build();
        } finally {
            blobs.discard(upload.file());
        }
    }

    @GET
    @Path("slugs/{id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Uni<Response> download(@PathParam("id") String id) {
        return sessions.withSession(session -> session.find(SlugRow.class, id)).map(row -> {
            if (row == null || !Files.isRegularFile(blobs.pathOf(id))) {
                throw ApiException.notFound("Couldn't find that slug.");
            }
            return Response.ok(blobs.pathOf(id).toFile()).header("Content-Length", row.size).build();
        });
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
