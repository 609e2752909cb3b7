package dev.petdb.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petdb.kit.http.Endpoints;
import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.Requests;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.kit.http.json.JsonCodec;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestHttp.Response;
import dev.petdb.testkit.app.AppLauncher;
import dev.petdb.testkit.app.AppServer;
import dev.petdb.testkit.app.AppUnderTest;
import dev.petdb.testkit.openapi.OpenApiAgreement;
import io.helidon.http.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /openapi} on a real server, the routes a running app lists, and the test kit's OpenApiAgreement on the
 * kit's test document ({@code openapi/kittest.json} among the test resources): it agrees as written, and each kind of
 * disagreement fails it with a line that says what to fix.
 */
class OpenApiTest {
    /** What the test document's schema Thing mirrors. */
    record Thing(long id, String name, Instant createdAt) {
    }

    /** What the test document's schema NewThing mirrors. */
    record NewThing(String name) {
    }

    private static final String DOCUMENT = "openapi/kittest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Endpoints THINGS = (routes, db) -> routes
            .post("/things", (request, response) -> Json.send(response, Status.CREATED_201,
                    new Thing(1, Json.read(request, NewThing.class).name(), Instant.EPOCH)))
            .get("/things/{id}", (request, response) -> {
                if (Requests.idParameter(request, "id") != 1) {
                    throw ProblemException.notFound("no thing there");
                }
                Json.send(response, Status.OK_200, new Thing(1, "one", Instant.EPOCH));
            });

    @RegisterExtension
    static final AppServer APP = new AppServer(AppLauncher.of(PetApp.named("kittest", THINGS)::start, RunningApp::port));

    private final AppUnderTest app;
    private final TestHttp http;

    OpenApiTest(AppUnderTest app) {
        this.app = app;
        this.http = app.http();
    }

    @Test
    void theDocumentIsServedAsItIsWithAnETag() throws Exception {
        Response served = http.get("/openapi");
        assertEquals(200, served.status(), served.body());
        assertEquals("application/json", served.header("Content-Type").orElseThrow());
        assertEquals("no-cache", served.header("Cache-Control").orElseThrow());
        assertEquals(document(), served.body());
        String etag = served.header("ETag").orElseThrow();

        Response revalidated = http.send(http.request("/openapi").header("If-None-Match", etag).GET());
        assertEquals(304, revalidated.status());
        assertEquals("", revalidated.body());
        assertEquals(etag, revalidated.header("ETag").orElseThrow());

        Response head = http.send(http.request("/openapi").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.status());
        assertEquals(String.valueOf(document().getBytes(StandardCharsets.UTF_8).length),
                head.header("Content-Length").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void anotherMethodOnTheKitsPathsAnswers405() {
        for (String path : List.of("/openapi", "/health/live", "/health/ready")) {
            Response refused = http.send("POST", path, null, null);
            assertEquals(405, refused.status(), path + ": " + refused.body());
            assertEquals("GET, HEAD", refused.header("Allow").orElseThrow(), path);
        }
    }

    @Test
    void anAppWithoutADocumentAnswers404AtOpenapi() {
        ClassLoader withoutDocument = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public java.net.URL getResource(String name) {
                return name.startsWith("openapi/") ? null : super.getResource(name);
            }
        };
        try (AppUnderTest bare = AppUnderTest.start(AppLauncher.of(
                PetApp.named("kittest", THINGS, withoutDocument)::start, RunningApp::port))) {
            Response missing = bare.http().get("/openapi");
            assertEquals(404, missing.status(), missing.body());
            assertEquals("application/problem+json", missing.header("Content-Type").orElseThrow());
            assertTrue(bare.running(RunningApp.class).routes().stream().noneMatch(r -> r.path().equals("/openapi")));
        }
    }

    @Test
    void theRunningAppListsTheKitsRoutesThenItsOwn() {
        assertEquals(List.of(new RouteTable.Route("GET", "/health/live"), new RouteTable.Route("GET", "/health/ready"),
                        new RouteTable.Route("GET", "/openapi"), new RouteTable.Route("POST", "/things"),
                        new RouteTable.Route("GET", "/things/{id}")),
                app.running(RunningApp.class).routes());
        assertEquals("GET /things/{id}", new RouteTable.Route("GET", "/things/{id}").toString());
    }

    @Test
    void theJsonNamesOfARecordAreItsComponentsInSnakeCase() {
        assertEquals(List.of("id", "name", "created_at"), List.copyOf(JsonCodec.fieldNames(Thing.class)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonCodec.fieldNames(String.class));
        assertTrue(e.getMessage().startsWith("cannot read java.lang.String from JSON"), e.getMessage());
    }

    @Test
    void theTestDocumentAgreesWithTheApp() throws Exception {
        assertEquals(List.of(), disagreements(document()));
    }

    @Test
    void aRouteLeftOutOfTheDocumentIsNamed() throws Exception {
        assertEquals(List.of("GET /things/{id} is routed but not in the document"),
                disagreements(edited(doc -> doc.withObject("/paths").remove("/things/{id}"))));
    }

    @Test
    void anOperationNoRouteTakesIsNamed() throws Exception {
        assertEquals(List.of("DELETE /things/{id} is in the document but not routed",
                        "HEAD /openapi is in the document but not routed (HEAD comes with every GET and is not listed)"),
                disagreements(edited(doc -> {
                    ObjectNode thing = doc.withObject("/paths/~1things~1{id}");
                    thing.set("delete", ((ObjectNode) thing.get("get")).deepCopy().put("operationId", "deleteThing"));
                    ObjectNode openapi = doc.withObject("/paths/~1openapi");
                    openapi.set("head", ((ObjectNode) openapi.get("get")).deepCopy().put("operationId", "headOpenapi"));
                })));
    }

    @Test
    void aRenamedFieldFailsItsSchema() throws Exception {
        assertEquals(List.of("schema Thing (dev.petdb.kit.OpenApiTest$Thing): the schema has properties "
                        + "[createdAt, id, name], the JSON has [created_at, id, name]"),
                disagreements(edited(doc -> {
                    ObjectNode properties = doc.withObject("/components/schemas/Thing/properties");
                    properties.set("createdAt", properties.remove("created_at"));
                })));
    }

    @Test
    void aSchemaNamingNoClassOrTheWrongProblemFails() throws Exception {
        assertEquals(List.of("schema Thing (dev.petdb.kit.Missing): no such class on the test's class path"),
                disagreements(edited(doc -> doc.withObject("/components/schemas/Thing")
                        .put("x-java-type", "dev.petdb.kit.Missing"))));
        assertEquals(List.of("components.schemas.Problem must be there with \"x-java-type\": "
                        + "\"dev.petdb.kit.http.Problem\""),
                disagreements(edited(doc -> doc.withObject("/components/schemas/Problem").remove("x-java-type"))));
        assertEquals(List.of("schema Problem (dev.petdb.kit.http.Problem): the schema has properties "
                        + "[detail, instance, status, title, type], the JSON has [detail, field, instance, status, "
                        + "title, type]"),
                disagreements(edited(doc -> doc.withObject("/components/schemas/Problem/properties").remove("field"))));
    }

    @Test
    void anOperationWithoutAProblemResponseFails() throws Exception {
        assertEquals(List.of("GET /things/{id} describes no error response as application/problem+json"),
                disagreements(edited(doc -> {
                    ObjectNode responses = doc.withObject("/paths/~1things~1{id}/get/responses");
                    responses.remove("404");
                    responses.remove("429");
                })));
        assertEquals(List.of("POST /things: response 400 is application/problem+json but its schema is not "
                        + "{\"$ref\": \"#/components/schemas/Problem\"}"),
                disagreements(edited(doc -> doc.withObject("/paths/~1things/post/responses").set("400",
                        JSON.readTree("{\"description\":\"bad\",\"content\":{\"application/problem+json\":"
                                + "{\"schema\":{\"type\":\"object\"}}}}")))));
    }

    @Test
    void anInvalidDocumentFails() throws Exception {
        assertEquals(List.of("not valid OpenAPI: attribute info.title is missing"),
                disagreements(edited(doc -> doc.withObject("/info").remove("title"))));
        assertEquals(List.of("/components/responses/TooManyRequests/headers/Retry-After: "
                        + "$ref #/components/headers/Wait points at nothing"),
                disagreements(edited(doc -> doc.withObject("/components/responses/TooManyRequests/headers/Retry-After")
                        .put("$ref", "#/components/headers/Wait"))));
        // read as 3.0, JSON Schema 2020-12's keywords are unknown too
        List<String> openapi30 = disagreements(edited(doc -> doc.put("openapi", "3.0.3")));
        assertEquals("openapi is '3.0.3'; write 3.1.0", openapi30.get(0));
        assertTrue(openapi30.contains("not valid OpenAPI: attribute components.schemas.Problem.const is unexpected"),
                openapi30.toString());
        List<String> notJson = disagreements("{");
        assertEquals(1, notJson.size(), notJson.toString());
        assertTrue(notJson.get(0).startsWith("it is not JSON: "), notJson.get(0));
    }

    @Test
    void routesMustBeWrittenMethodAndPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenApiAgreement.disagreements("{}", List.of("/things"), JsonCodec::fieldNames));
        assertEquals("route '/things' is not written METHOD PATH, such as GET /items/{id}: pass the kit's "
                + "RunningApp.routes()", e.getMessage());
    }

    private List<String> disagreements(String document) {
        return OpenApiAgreement.disagreements(document, app.running(RunningApp.class).routes(), JsonCodec::fieldNames);
    }

    /** The test document with one change. */
    private static String edited(ThrowingEdit edit) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(document());
        edit.apply(doc);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }

    @FunctionalInterface
    private interface ThrowingEdit {
        void apply(ObjectNode document) throws Exception;
    }

    private static String document() throws IOException {
        try (InputStream in = OpenApiTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
