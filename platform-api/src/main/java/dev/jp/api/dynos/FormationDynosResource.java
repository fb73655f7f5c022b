package dev.jp.api.dynos;

import dev.jp.api.accounts.Authentication;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Restart or stop every dyno of one type: Heroku's {@code /apps/{app}/formations/{type}} (plural). */
@Path("/apps/{app}/formations/{type}")
@Produces(MediaType.APPLICATION_JSON)
public class FormationDynosResource {

    private final DynoCommands dynos;

    public FormationDynosResource(DynoCommands dynos) {
        this.dynos = dynos;
    }

    @DELETE
    public Uni<Response> restart(@PathParam("app") String app, @PathParam("type") String type,
                                 @Context ContainerRequestContext request) {
        return dynos.restart(app, null, type, Authentication.of(request));
    }

    @POST
    @Path("actions/stop")
    public Uni<Response> stop(@PathParam("app") String app, @PathParam("type") String type,
                              @Context ContainerRequestContext request) {
        return dynos.stop(app, null, type, Authentication.of(request));
    }
}
