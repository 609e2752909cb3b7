package dev.petdb.todos.users;

import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.todos.auth.BearerAuth;
import dev.petdb.todos.auth.Caller;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /users} to sign up, {@code GET /users/me} for the signed-in user.
 */
public final class UserRoutes {
    private final UserStore users;
    private final BearerAuth bearer;
    private final HashingSlots hashing;

    /**
     * @param users   the users table
     * @param bearer  the bearer-token check
     * @param hashing where new passwords are hashed
     */
    public UserRoutes(UserStore users, BearerAuth bearer, HashingSlots hashing) {
        this.users = users;
        this.bearer = bearer;
        this.hashing = hashing;
    }

    /**
     * @param routes where to declare the endpoints
     */
    public void register(RouteTable routes) {
        routes.post("/users", this::signUp)
                .get("/users/me", bearer.protect(this::me));
    }

    private void signUp(ServerRequest request, ServerResponse response) {
        SignUp body = Json.read(request, SignUp.class);
        EmailAddress email = EmailAddress.parse(body.email());
        String password = Passwords.validNew(body.password());
        String hash = hashing.run(() -> Passwords.hash(password));
        User user = users.add(email, hash)
                .orElseThrow(() -> ProblemException.conflict("email", "an account with this email already exists"));
        Json.send(response, Status.CREATED_201, user);
    }

    private void me(ServerRequest request, ServerResponse response, Caller caller) {
        // tokens go with their user (ON DELETE CASCADE), so a valid token always finds one
        User user = users.find(caller.userId()).orElseThrow(BearerAuth::invalidToken);
        Json.send(response, Status.OK_200, user);
    }
}
