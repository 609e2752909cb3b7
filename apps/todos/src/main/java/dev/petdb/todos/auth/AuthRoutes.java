package dev.petdb.todos.auth;

import java.util.Optional;

import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.todos.users.Credentials;
import dev.petdb.todos.users.EmailAddress;
import dev.petdb.todos.users.HashingSlots;
import dev.petdb.todos.users.Passwords;
import dev.petdb.todos.users.UserStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /auth/token} exchanges email and password for a bearer token; {@code POST /auth/logout} revokes the
 * token it is sent with.
 */
public final class AuthRoutes {
    private final UserStore users;
    private final AccessTokens tokens;
    private final LoginThrottle throttle;
    private final BearerAuth bearer;
    private final HashingSlots hashing;

    /**
     * @param users    the users table
     * @param tokens   the tokens table
     * @param throttle the failed sign-ins per email
     * @param bearer   the bearer-token check
     * @param hashing  where password checks run
     */
    public AuthRoutes(UserStore users, AccessTokens tokens, LoginThrottle throttle, BearerAuth bearer,
                      HashingSlots hashing) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.bearer = bearer;
        this.hashing = hashing;
    }

    /**
     * @param routes where to declare the endpoints
     */
    public void register(RouteTable routes) {
        routes.post("/auth/token", this::token)
                .post("/auth/logout", bearer.protect(this::logout));
    }

    private void token(ServerRequest request, ServerResponse response) {
        TokenRequest body = Json.read(request, TokenRequest.class);
        EmailAddress email = EmailAddress.parse(body.email());
        String password = Passwords.validPresented(body.password());
        String key = email.canonical();
        Optional<Credentials> credentials = users.credentials(email);
        throttle.attempt(key);
        boolean verified;
        try {
            // an unknown email costs a bcrypt check too, so the time taken does not tell which emails have accounts
            verified = hashing.run(() -> credentials.isPresent()
                    ? Passwords.matches(password, credentials.get().passwordHash())
                    : Passwords.rejectAfterDummyCheck(password));
        } catch (RuntimeException notChecked) {
            throttle.withdraw(key);
            throw notChecked;
        }
        if (!verified) {
            throttle.failed(key);
            // one answer for an unknown email and a wrong password
            throw ProblemException.unauthorized("wrong email or password", BearerAuth.CHALLENGE);
        }
        throttle.succeeded(key);
        IssuedToken token = tokens.issue(credentials.get().userId());
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(response, Status.OK_200, token);
    }

    private void logout(ServerRequest request, ServerResponse response, Caller caller) {
        tokens.revoke(caller.token());
        response.status(Status.NO_CONTENT_204).send();
    }
}
