package dev.petdb.kit.http;

import dev.petdb.kit.http.json.OmitNulls;

/**
 * The body of an {@code application/problem+json} response (RFC 9457), with the extension member {@code field}
 * naming what failed validation.
 *
 * @param type     always {@code about:blank}: the status says what kind of problem it is
 * @param title    the status's reason phrase
 * @param status   the HTTP status code
 * @param detail   what is wrong with this request
 * @param instance the request path
 * @param field    the body field or parameter at fault, when there is one
 */
@OmitNulls
public record Problem(String type, String title, int status, String detail, String instance, String field) {
}
