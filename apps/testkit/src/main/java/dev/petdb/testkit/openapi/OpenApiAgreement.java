package dev.petdb.testkit.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.app.AppUnderTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Keeps an app's hand-written OpenAPI document true to the app. It checks that
 * <ol>
 *     <li>the document is valid OpenAPI 3.1 (swagger-parser finds nothing to say) and every local {@code $ref}
 *     resolves;</li>
 *     <li>its operations, as {@code METHOD PATH}, are exactly the routes the running app declares, the kit's
 *     ({@code /health/live}, {@code /health/ready}, {@code /openapi}) included; HEAD, which every GET answers, is not
 *     listed;</li>
 *     <li>every operation describes at least one error response as {@code application/problem+json}, and each such
 *     content is the schema {@code Problem};</li>
 *     <li>every schema that names the Java type it mirrors ({@code "x-java-type": "dev.petdb.todos.todo.Todo"}) has
 *     exactly the properties the kit's JSON codec writes or reads for that type, so a renamed field fails; the
 *     schema {@code Problem} must name the kit's {@code dev.petdb.kit.http.Problem};</li>
 *     <li>the running app serves the repository's file, byte for byte, at {@code GET /openapi}.</li>
 * </ol>
 * The test kit knows no app kit, so the app's test hands over its routes and the codec's names:
 * <pre>{@code
 * OpenApiAgreement.assertAgrees(app, "fruits", app.running(RunningApp.class).routes(), JsonCodec::fieldNames);
 * }</pre>
 */
public final class OpenApiAgreement {
    /** Where an app's document lives, relative to its module; Maven runs tests there. */
    private static final String DOCUMENTS = "src/main/resources/openapi";
    /** The kit's problem record, which the schema {@code Problem} must mirror. */
    private static final String PROBLEM_TYPE = "dev.petdb.kit.http.Problem";

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern ROUTE = Pattern.compile("([A-Z]+) (/\\S*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiAgreement() {
    }

    /**
     * Fails, listing every disagreement at once, unless the app's document {@code src/main/resources/openapi/NAME.json}
     * agrees with the running app (see the class comment).
     *
     * @param app       the running app
     * @param name      the app's name, which names its document
     * @param routes    every route the app declares, each written {@code METHOD PATH} by its {@code toString()}:
     *                  the kit's {@code RunningApp.routes()}
     * @param jsonNames the JSON member names of a Java type: the kit's {@code JsonCodec::fieldNames}
     * @throws AssertionError when they disagree, or the document is missing
     */
    public static void assertAgrees(AppUnderTest app, String name, Collection<?> routes,
                                    Function<Class<?>, ? extends Collection<String>> jsonNames) {
        Path file = Path.of(DOCUMENTS, name + ".json").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no OpenAPI document at " + file + "; write one beside the routes "
                    + "(docs/apps.md, The OpenAPI document)");
        }
        String document;
        try {
            document = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> problems = new ArrayList<>(disagreements(document, routes, jsonNames));
        problems.addAll(servedDifferently(app.http(), document));
        if (!problems.isEmpty()) {
            throw new AssertionError("the OpenAPI document " + file + " disagrees with the app:\n- "
                    + String.join("\n- ", problems));
        }
    }

    /**
     * Checks 1 to 4 of the class comment on a document's text alone; {@link #assertAgrees} adds check 5 on the
     * running app.
     *
     * @param document  an OpenAPI document, JSON
     * @param routes    the app's routes, each written {@code METHOD PATH} by its {@code toString()}
     * @param jsonNames the JSON member names of a Java type
     * @return one line per disagreement; empty when there is none
     * @throws IllegalArgumentException when a route is not written {@code METHOD PATH}
     */
    public static List<String> disagreements(String document, Collection<?> routes,
                                             Function<Class<?>, ? extends Collection<String>> jsonNames) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            return List.of("it is not JSON: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>(invalid(document, root));
        problems.addAll(unmatchedOperations(root, routes));
        problems.addAll(operationsWithoutProblems(root));
        problems.addAll(schemasUnlikeTheirTypes(root, jsonNames));
        return problems;
    }

    private static List<String> invalid(String document, JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (!root.path("openapi").asText().startsWith("3.1.")) {
            problems.add("openapi is '" + root.path("openapi").asText() + "'; write 3.1.0");
        }
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, new ParseOptions());
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(message -> problems.add("not valid OpenAPI: " + message));
        }
        // swagger-parser passes a $ref to a missing header or parameter without a word
        forEachRef(root, "", (at, ref) -> {
            if (!ref.startsWith("#/")) {
                problems.add(at + ": $ref " + ref + " is not local; the document must stand alone");
            } else if (root.at(ref.substring(1)).isMissingNode()) {
                problems.add(at + ": $ref " + ref + " points at nothing");
            }
        });
        return problems;
    }

    private static List<String> unmatchedOperations(JsonNode root, Collection<?> routes) {
        Set<String> routed = new TreeSet<>();
        for (Object route : routes) {
            String text = String.valueOf(route);
            if (!ROUTE.matcher(text).matches()) {
                throw new IllegalArgumentException("route '" + text + "' is not written METHOD PATH, such as "
                        + "GET /items/{id}: pass the kit's RunningApp.routes()");
            }
            routed.add(text);
        }
        Set<String> documented = new TreeSet<>();
        forEachOperation(root, (path, method, operation) -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
        List<String> problems = new ArrayList<>();
        for (String route : routed) {
            if (!documented.contains(route)) {
                problems.add(route + " is routed but not in the document");
            }
        }
        for (String operation : documented) {
            if (!routed.contains(operation)) {
                problems.add(operation + " is in the document but not routed" + (operation.startsWith("HEAD ")
                        ? " (HEAD comes with every GET and is not listed)" : ""));
            }
        }
        return problems;
    }

    private static List<String> operationsWithoutProblems(JsonNode root) {
        List<String> problems = new ArrayList<>();
        forEachOperation(root, (path, method, operation) -> {
            String name = method.toUpperCase(Locale.ROOT) + " " + path;
            boolean described = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                JsonNode content = resolve(root, response.getValue()).path("content");
                if (!content.has(PROBLEM_JSON)) {
                    continue;
                }
                if (!content.path(PROBLEM_JSON).path("schema").path("$ref").asText().equals(PROBLEM_REF)) {
                    problems.add(name + ": response " + response.getKey() + " is " + PROBLEM_JSON
                            + " but its schema is not {\"$ref\": \"" + PROBLEM_REF + "\"}");
                }
                described |= response.getKey().matches("[45]\\d\\d|default");
            }
            if (!described) {
                problems.add(name + " describes no error response as " + PROBLEM_JSON);
            }
        });
        if (!root.at("/components/schemas/Problem/x-java-type").asText().equals(PROBLEM_TYPE)) {
            problems.add("components.schemas.Problem must be there with \"x-java-type\": \"" + PROBLEM_TYPE + "\"");
        }
        return problems;
    }

    private static List<String> schemasUnlikeTheirTypes(JsonNode root,
                                                        Function<Class<?>, ? extends Collection<String>> jsonNames) {
        List<String> problems = new ArrayList<>();
        root.at("/components/schemas").fields().forEachRemaining(schema -> {
            JsonNode javaType = schema.getValue().get("x-java-type");
            if (javaType == null) {
                return;
            }
            String at = "schema " + schema.getKey() + " (" + javaType.asText() + ")";
            Class<?> type;
            try {
                type = Class.forName(javaType.asText(), false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                problems.add(at + ": no such class on the test's class path");
                return;
            }
            Set<String> written;
            try {
                written = new TreeSet<>(jsonNames.apply(type));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
                return;
            }
            Set<String> described = new TreeSet<>();
            schema.getValue().path("properties").fieldNames().forEachRemaining(described::add);
            if (!described.equals(written)) {
                problems.add(at + ": the schema has properties " + described + ", the JSON has " + written);
            }
        });
        return problems;
    }

    private static List<String> servedDifferently(TestHttp http, String document) {
        TestHttp.Response served = http.get("/openapi");
        if (served.status() != 200) {
            return List.of("GET /openapi answered " + served.status() + ": " + served.body());
        }
        List<String> problems = new ArrayList<>();
        if (!served.header("Content-Type").orElse("").equals("application/json")) {
            problems.add("GET /openapi answered Content-Type " + served.header("Content-Type").orElse("(none)"));
        }
        if (!served.body().equals(document)) {
            problems.add("GET /openapi answered another document than the repository's: rebuild, or it is not "
                    + "src/main/resources/openapi/NAME.json");
        }
        return problems;
    }

    /** A response, parameter or other object itself, or what its {@code $ref} points at. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref != null && ref.asText().startsWith("#/") ? root.at(ref.asText().substring(1)) : node;
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String path, String method, JsonNode operation);
    }

    private static void forEachOperation(JsonNode root, OperationVisitor visitor) {
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (METHODS.contains(entry.getKey())) {
                visitor.visit(path.getKey(), entry.getKey(), entry.getValue());
            }
        }));
    }

    @FunctionalInterface
    private interface RefVisitor {
        void visit(String at, String ref);
    }

    private static void forEachRef(JsonNode node, String at, RefVisitor visitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String here = at + "/" + field.getKey();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    visitor.visit(at.isEmpty() ? "/" : at, field.getValue().asText());
                } else {
                    forEachRef(field.getValue(), here, visitor);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forEachRef(node.get(i), at + "/" + i, visitor);
            }
        }
    }
}
