package dev.petdb.todos;

import dev.petdb.kit.RunningApp;
import dev.petdb.kit.http.json.JsonCodec;
import dev.petdb.testkit.app.AppUnderTest;
import dev.petdb.testkit.openapi.OpenApiAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * todos' OpenAPI document, {@code src/main/resources/openapi/todos.json}, against the running app: a route, a field
 * or an error response added to one and not the other fails here, naming it.
 */
@ExtendWith(TodosServer.class)
class OpenApiDocumentTest {
    @Test
    void theOpenApiDocumentAgreesWithTheApp(AppUnderTest app) {
        OpenApiAgreement.assertAgrees(app, "todos", app.running(RunningApp.class).routes(), JsonCodec::fieldNames);
    }
}
