package dev.jp.api.accounts;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /account}: who the token belongs to. */
@Path("/account")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** An account as the Heroku Platform API shows it. */
    public record AccountView(String id, String email, String name, boolean verified, boolean twoFactorAuthentication) {
    }

    @GET
    public AccountView account(@Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        return new AccountView(account.id(), account.email(), account.email(), true, false);
    }
}
