/**
 * Holding an app's OpenAPI document to the app: {@link dev.petdb.testkit.openapi.OpenApiAgreement} validates the
 * document as OpenAPI 3.1 and compares its operations, error responses and record schemas with what the running app
 * declares, and what it serves at {@code /openapi} with the repository's file. Each app's test suite calls it in one
 * line; so does the test of every app {@code petdb app new} writes.
 */
package dev.petdb.testkit.openapi;
