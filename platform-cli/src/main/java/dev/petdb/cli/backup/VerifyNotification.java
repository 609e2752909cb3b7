package dev.petdb.cli.backup;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.petdb.cli.ExitCodes;

/**
 * {@code backup verify --notify-url}: POSTs the result's JSON to a monitor, success to the URL itself, a failure to
 * {@code --notify-fail-url} or to URL/EXIT_CODE (healthchecks.io's form). A notification that fails is one line on
 * standard error, never a failure of the command; the URLs may hold tokens, so only their host is ever printed.
 */
final class VerifyNotification {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String url;
    private final String failUrl;
    private final PrintWriter err;

    /**
     * @param url     where a success goes, and (with {@code /EXIT_CODE}) a failure
     * @param failUrl where a failure goes instead; {@code null} for URL/EXIT_CODE
     * @param err     where to say that sending failed
     */
    VerifyNotification(String url, String failUrl, PrintWriter err) {
        this.url = url;
        this.failUrl = failUrl;
        this.err = err;
    }

    /**
     * @param body the result's JSON
     * @param exit the command's exit code: 0 is a success, anything else a failure
     */
    void send(String body, int exit) {
        URI uri;
        try {
            uri = exit == ExitCodes.OK ? URI.create(url)
                    : failUrl != null ? URI.create(failUrl) : withExitCode(URI.create(url), exit);
        } catch (IllegalArgumentException e) {
            err.println("petdb: " + (exit != ExitCodes.OK && failUrl != null ? "--notify-fail-url" : "--notify-url")
                    + " is not a URL; nothing was sent");
            return;
        }
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                err.println("petdb: the notification to " + uri.getHost() + " answered HTTP " + response.statusCode());
            }
        } catch (Exception e) {
            // the URL may carry a secret token: name only its host
            err.println("petdb: the notification to " + uri.getHost() + " failed: " + e.getClass().getSimpleName());
        }
    }

    /** healthchecks.io's failure form: {@code /<exit code>} after the ping URL's path (its query kept). */
    static URI withExitCode(URI uri, int exit) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("not an absolute URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/") + exit
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
}
