package dev.petdb.todos.users;

/**
 * The body of {@code POST /users}.
 *
 * @param email    the email to sign in with
 * @param password the password, in clear: never printed, stored or logged
 */
public record SignUp(String email, String password) {
    @Override
    public String toString() {
        return "SignUp[email=" + email + ", password=(hidden)]";
    }
}
