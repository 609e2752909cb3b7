package dev.petdb.kit.http.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/** Reads one value whose first token is the parser's current token, leaving the parser on its last token. */
@FunctionalInterface
interface ValueReader {
    /** @throws JsonMismatchException when the value does not fit */
    Object read(JsonParser in) throws IOException;
}
