/**
 * JSON to and from Java values on Jackson's streaming parser and generator alone: records (component names in
 * snake_case), lists, maps, text, numbers, booleans, ISO-8601 dates and times, UUIDs and enums ({@link Labelled}).
 * The kit's {@code Json} is its one caller for request and response bodies; apps see only {@link Labelled} and
 * {@link OmitNulls}, which they put on their own types. Databind would load about 500 classes more for the few
 * shapes petdb's apps use, and every app process pays for them in memory.
 */
package dev.petdb.kit.http.json;
