package dev.petdb.kit.http.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/** Writes one non-null value of a known class. */
@FunctionalInterface
interface ValueWriter {
    void write(JsonGenerator out, Object value) throws IOException;
}
