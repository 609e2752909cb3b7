package dev.petdb.backup.manifest;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.petdb.backup.BackupException;
import dev.petdb.dburl.SqlErrors;

/**
 * A manifest as JSON: snake_case names as petdb's {@code --json} prints them, times in ISO-8601 UTC, indented so that
 * a person can read it in the bucket. Fields a newer petdb adds are ignored; a newer format version is refused.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantText()));

    private ManifestJson() {
    }

    /**
     * @param manifest a manifest
     * @return its JSON, UTF-8
     */
    public static byte[] write(Manifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a manifest as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param json  a manifest's JSON
     * @param where its key, for the message
     * @return the manifest
     * @throws BackupException when it is not a manifest, or one of a newer format
     */
    public static Manifest read(byte[] json, String where) {
        Manifest manifest;
        try {
            manifest = MAPPER.readValue(json, Manifest.class);
        } catch (IOException e) {
            throw new BackupException(where + " is not a petdb manifest: "
                    + SqlErrors.firstLine(e.getMessage()), e);
        }
        if (manifest == null || manifest.formatVersion() < 1 || manifest.backup() == null || manifest.verify() == null) {
            throw new BackupException(where + " is not a petdb manifest: no format_version, backup or verify");
        }
        if (manifest.formatVersion() > Manifest.FORMAT) {
            throw new BackupException(where + " has manifest format " + manifest.formatVersion()
                    + ", newer than this petdb reads (" + Manifest.FORMAT + "): update petdb");
        }
        return manifest;
    }

    /** An ISO-8601 instant. */
    private static final class InstantText extends StdDeserializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            try {
                return Instant.parse(parser.getValueAsString());
            } catch (DateTimeParseException | NullPointerException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, parser.getValueAsString(),
                        "not an ISO-8601 time");
            }
        }
    }
}
