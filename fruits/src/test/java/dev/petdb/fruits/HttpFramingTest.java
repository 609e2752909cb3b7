package dev.petdb.fruits;

import static dev.petdb.fruits.FruitsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.testkit.RawHttp;
import dev.petdb.testkit.RawHttp.Exchange;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.app.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed HTTP sent byte for byte over a socket to fruits on a real PostgreSQL: every framing error answers a 4xx
 * problem+json, the connection then closes, and no request hidden in a body ever runs. Also HEAD, HTTP/1.0 and bodies
 * that are not UTF-8. The guards are the kit's, so every app has them.
 */
@ExtendWith(FruitsServer.class)
class HttpFramingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppUnderTest fruits;

    HttpFramingTest(AppUnderTest fruits) {
        this.fruits = fruits;
    }

    @Test
    void malformedChunkSizeAnswers400ClosesAndNeverRunsTheHiddenDelete() throws Exception {
        long id = newItem("smuggle-zz");
        Exchange exchange = raw("POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + hiddenDelete(id), false);
        assertClosedAfterOneProblem(exchange, 400);
        assertStillThere(id);
    }

    @Test
    void chunkSizesThatOverflowOrAreNotHexAnswer400AndClose() throws Exception {
        long id = newItem("smuggle-overflow");
        for (String size : List.of("FFFFFFFFFFFFFFFFFF", "7fffffff", "-1", "0x5", "5 5", "")) {
            Exchange exchange = raw("POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n{\"name\":\"x\"}\r\n0\r\n\r\n" + hiddenDelete(id),
                    false);
            assertClosedAfterOneProblem(exchange, size.equals("7fffffff") ? 413 : 400);
        }
        assertStillThere(id);
    }

    @Test
    void malformedChunkOnARouteThatIgnoresTheBodyClosesToo() throws Exception {
        long id = newItem("smuggle-ignored");
        Exchange exchange = raw("GET /health/live HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n" + hiddenDelete(id), false);
        assertEquals(1, exchange.responses().size(), exchange.toString());
        assertTrue(exchange.closed(), exchange.toString());
        assertStillThere(id);
    }

    @Test
    void aBodyAfterConnectionCloseIsNeverReadAsTheNextRequest() throws Exception {
        long id = newItem("smuggle-close");
        String hidden = hiddenDelete(id);
        Exchange exchange = raw("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: "
                + hidden.length() + "\r\n\r\n" + hidden, false);
        assertEquals(1, exchange.responses().size(), exchange.toString());
        assertEquals(200, exchange.responses().getFirst().status());
        assertTrue(exchange.closed(), exchange.toString());
        assertStillThere(id);
    }

    @Test
    void negativeOrDoubledContentLengthAnswers400AndCloses() throws Exception {
        long id = newItem("smuggle-length");
        for (String length : List.of("-1", "-5", "+5", "5, 5", "1e3")) {
            Exchange exchange = raw("POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n" + hiddenDelete(id), false);
            assertClosedAfterOneProblem(exchange, 400);
        }
        assertStillThere(id);
    }

    @Test
    void bothContentLengthAndTransferEncodingAnswer400AndClose() throws Exception {
        long id = newItem("smuggle-both");
        String hidden = hiddenDelete(id);
        Exchange exchange = raw("POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden, false);
        assertClosedAfterOneProblem(exchange, 400);
        assertStillThere(id);
    }

    @Test
    void transferCodingsOtherThanChunkedAnswer501AndClose() throws Exception {
        long id = newItem("smuggle-te");
        for (String coding : List.of("gzip, chunked", "xchunked", "chunked, chunked", "identity")) {
            Exchange exchange = raw("POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: " + coding + "\r\n\r\n0\r\n\r\n" + hiddenDelete(id), false);
            assertClosedAfterOneProblem(exchange, 501);
        }
        assertStillThere(id);
    }

    @Test
    void contentLengthLargerThanTheBodyAnswers400WhenTheClientStopsSending() throws Exception {
        Exchange exchange = raw("POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"name\":\"short\"}", true);
        assertClosedAfterOneProblem(exchange, 400);
        assertEquals("[]", fruits.http().get("/?filter=short").body(), "nothing half-written");
    }

    @Test
    void deeplyNestedJsonAndHugeNumbersAnswer400() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertProblem(fruits.http().postJson("/items", deep), 400, null);
        assertProblem(fruits.http().postJson("/items", "{\"name\":" + deep + "}"), 400, null);
        assertProblem(fruits.http().postJson("/items", "{\"name\":\"x\",\"n\":" + "9".repeat(1_500) + "}"), 400, null);
        assertProblem(fruits.http().postJson("/items", "{\"name\":" + "9".repeat(1_500) + ".5}"), 400, null);
    }

    @Test
    void malformedContentTypeAnswers415() {
        assertProblem(fruits.http().send("POST", "/items", ";;;===", "{\"name\":\"x\"}".getBytes()), 415, null);
        assertProblem(fruits.http().send("POST", "/items", "application/json; charset", "{\"name\":\"x\"}".getBytes()),
                415, null);
    }

    @Test
    void nulInAQueryParameterAnswers400NamingIt() {
        assertProblem(fruits.http().get("/?filter=a%00b"), 400, "filter");
    }

    @Test
    void headWorksWhereGetDoes() throws Exception {
        long id = newItem("heady");
        for (String path : List.of("/", "/items/" + id, "/health/live", "/health/ready")) {
            TestHttp.Response get = fruits.http().get(path);
            TestHttp.Response head = fruits.http().send(fruits.http().request(path).method("HEAD",
                    java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, head.status(), path);
            assertEquals("", head.body(), path);
            assertEquals(get.header("Content-Type"), head.header("Content-Type"), path);
            assertEquals(get.header("Content-Length"), head.header("Content-Length"), path);
        }
        // HEAD of what GET does not find is the same 404, without the body
        Exchange missing = raw("HEAD /items/999999 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", false);
        assertEquals(404, missing.only().status());
        assertEquals("", missing.only().body());
        // the raw exchange proves no body bytes follow the headers: the next thing on the wire is the close
        assertTrue(missing.closed());
        HttpHeaders allow = fruits.http().send("PUT", "/items/" + id, "application/json", "{}".getBytes()).headers();
        assertTrue(allow.firstValue("Allow").orElseThrow().contains("HEAD"));
    }

    @Test
    void http10IsServed() throws Exception {
        Exchange exchange = raw("GET /?filter=an HTTP/1.0\r\n\r\n", false);
        RawHttp.Response response = exchange.only();
        assertEquals(200, response.status(), response.toString());
        assertEquals("[{\"name\":\"banana\"}]", response.body());
        assertTrue(exchange.closed(), "an HTTP/1.0 request without keep-alive ends its connection");
        assertFalse(response.header("Transfer-Encoding").isPresent());

        String body = "{\"name\":\"ten\"}";
        Exchange post = raw("POST /items HTTP/1.0\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body, false);
        assertEquals(201, post.only().status(), post.toString());
        assertTrue(post.closed(), "HTTP/1.0 keep-alive is not offered");
        long id = JSON.readTree(post.only().body()).get("id").asLong();
        Exchange delete = raw("DELETE /items/" + id + " HTTP/1.0\r\nHost: localhost\r\n\r\n", false);
        assertEquals(204, delete.only().status());
        assertEquals(404, fruits.http().get("/items/" + id).status());
    }

    @Test
    void loneSurrogatesAndNulInJsonTextAnswer400NamingTheField() throws Exception {
        assertProblem(fruits.http().postJson("/items", "{\"name\":\"a\\ud800b\"}"), 400, "name");
        assertProblem(fruits.http().postJson("/items", "{\"name\":\"a\\udc00\"}"), 400, "name");
        assertProblem(fruits.http().postJson("/items", "{\"name\":\"a\\u0000\"}"), 400, "name");
        // a pair is one character, and stored as such
        TestHttp.Response pair = fruits.http().postJson("/items", "{\"name\":\"fruit \\ud83c\\udf4c\"}");
        assertEquals(201, pair.status(), pair.body());
        long id = JSON.readTree(pair.body()).get("id").asLong();
        assertEquals("fruit \uD83C\uDF4C", JSON.readTree(fruits.http().get("/items/" + id).body()).get("name").asText());
    }

    @Test
    void bodiesThatAreNotUtf8Answer400AndDeclaredOtherCharsetsAnswer415() throws Exception {
        String json = "{\"name\":\"utf16\"}";
        assertProblem(fruits.http().send("POST", "/items", "application/json", json.getBytes(StandardCharsets.UTF_16LE)),
                400, null);
        assertProblem(fruits.http().send("POST", "/items", "application/json", json.getBytes(StandardCharsets.UTF_16)),
                400, null);
        assertProblem(fruits.http().send("POST", "/items", "application/json; charset=utf-16",
                json.getBytes(StandardCharsets.UTF_16)), 415, null);
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.write("{\"name\":\"caf".getBytes(StandardCharsets.US_ASCII));
        latin1.write(0xE9);
        latin1.write("\"}".getBytes(StandardCharsets.US_ASCII));
        assertProblem(fruits.http().send("POST", "/items", "application/json", latin1.toByteArray()), 400, null);
        // an encoded surrogate (CESU-8) is not UTF-8 either
        byte[] cesu = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertProblem(fruits.http().send("POST", "/items", "application/json", cesu), 400, null);
        try (Connection db = fruits.admin(); ResultSet rows = db.createStatement().executeQuery(
                "SELECT count(*) FROM fruits.items WHERE name LIKE '%?%' OR name LIKE 'utf16%' OR name LIKE 'caf%'")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
    }

    private Exchange raw(String request, boolean closeWrite) {
        return RawHttp.send(fruits.port(), request, closeWrite);
    }

    private static String hiddenDelete(long id) {
        return "DELETE /items/" + id + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    private long newItem(String name) throws Exception {
        TestHttp.Response created = fruits.http().postJson("/items", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status(), created.body());
        return JSON.readTree(created.body()).get("id").asLong();
    }

    private void assertStillThere(long id) throws SQLException {
        try (Connection db = fruits.admin(); ResultSet rows = db.createStatement().executeQuery(
                "SELECT count(*) FROM fruits.items WHERE id = " + id)) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the hidden DELETE ran");
        }
    }

    private static void assertClosedAfterOneProblem(Exchange exchange, int status) throws Exception {
        RawHttp.Response response = exchange.only();
        assertEquals(status, response.status(), response.toString());
        assertEquals("application/problem+json", response.header("Content-Type").orElse(null), response.toString());
        Map<?, ?> problem = JSON.readValue(response.body(), Map.class);
        assertEquals(status, problem.get("status"));
        assertFalse(String.valueOf(problem.get("detail")).isBlank());
        assertEquals("close", response.header("Connection").orElse(null), response.toString());
        assertTrue(exchange.closed(), "the connection must close after a framing error: " + exchange);
    }
}
