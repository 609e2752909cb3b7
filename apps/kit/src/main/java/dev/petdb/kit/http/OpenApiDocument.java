package dev.petdb.kit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * {@code GET /openapi}: the app's OpenAPI 3.1 document, {@code openapi/NAME.json} among its resources, kept beside its
 * routes by hand and held to them by the test kit's {@code OpenApiAgreement}. It is read once at start and answered
 * as {@code application/json} (every client and browser reads that; {@code application/openapi+json} is not yet known
 * to all of them) with an ETag, so a client that has it revalidates for headers alone. An app without a document
 * has no such route: {@code /openapi} answers 404 like any unknown path.
 */
public final class OpenApiDocument {
    /** Where every app answers its document. */
    private static final String PATH = "/openapi";

    private final byte[] bytes;
    private final String etag;

    private OpenApiDocument(byte[] bytes) {
        this.bytes = bytes;
        this.etag = EntityTags.of(bytes);
    }

    /**
     * @param name      the app's name
     * @param resources where the app's resources are found
     * @return the document {@code openapi/NAME.json}, if the app has one
     * @throws UncheckedIOException when it is there but cannot be read
     */
    public static Optional<OpenApiDocument> load(String name, ClassLoader resources) {
        String resource = "openapi/" + name + ".json";
        try (InputStream in = resources.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new OpenApiDocument(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    void register(RouteTable routes) {
        routes.get(PATH, (request, response) -> Json.sendCacheable(request, response, bytes, etag));
    }
}
