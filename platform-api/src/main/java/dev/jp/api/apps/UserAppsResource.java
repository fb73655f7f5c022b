package dev.jp.api.apps;

import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /users/~/apps}: the caller's apps ({@code ~} is the caller, as in the Heroku CLI). */
@Path("/users/{user}/apps")
@Produces(MediaType.APPLICATION_JSON)
public class UserAppsResource {

    private final Apps apps;

    public UserAppsResource(Apps apps) {
        this.apps = apps;
    }

    @GET
    public Uni<List<AppView>> list(@PathParam("user") String user, @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        if (!"~".equals(user) && !user.equals(account.email()) && !user.equals(account.id())) {
            throw ApiException.notFound("Couldn't find that user.");
        }
        return apps.ownedBy(account).map(all -> all.stream().map(AppView::of).toList());
    }
}
