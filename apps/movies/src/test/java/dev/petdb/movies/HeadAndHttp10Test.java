package dev.petdb.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petdb.testkit.RawHttp;
import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit's HEAD and HTTP/1.0 support in movies, whose answers carry ETags: HEAD has the GET's headers and no body,
 * and an HTTP/1.0 client gets the same page, then the connection closes.
 */
@ExtendWith(MoviesServer.class)
class HeadAndHttp10Test {
    private final MoviesClient movies;

    HeadAndHttp10Test(MoviesClient movies) {
        this.movies = movies;
    }

    @Test
    void headAnswersWithTheGetsHeadersAndNoBody() {
        Response get = movies.http.get("/api/v1/movies?page=2");
        RawHttp.Exchange head = RawHttp.send(movies.app.port(),
                "HEAD /api/v1/movies?page=2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", false);
        RawHttp.Response response = head.only();
        assertEquals(200, response.status());
        assertEquals("", response.body());
        assertEquals(get.header("ETag").orElseThrow(), response.header("ETag").orElseThrow());
        assertEquals(get.header("Content-Length").orElseThrow(), response.header("Content-Length").orElseThrow());
        assertTrue(head.closed(), "no body bytes may follow the headers");
    }

    @Test
    void http10GetsTheSamePageAndTheConnectionCloses() {
        Response get = movies.http.get("/api/v1/movies?page=2");
        RawHttp.Exchange exchange = RawHttp.send(movies.app.port(), "GET /api/v1/movies?page=2 HTTP/1.0\r\n\r\n", false);
        assertEquals(200, exchange.only().status());
        assertEquals(get.body(), exchange.only().body());
        assertTrue(exchange.closed());
    }
}
