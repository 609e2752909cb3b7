package dev.petdb.kit.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.petdb.kit.http.json.Labelled;
import org.junit.jupiter.api.Test;

/** What apps rely on when they read a body with {@link Json#read} and write one with {@link Json#send}. */
class JsonTest {
    record Inner(String title, Integer n) {
    }

    record Body(String name, Long bigNumber, Boolean flag, Double ratio, List<String> tags, Inner inner,
                List<Inner> inners, Instant at, LocalDate day, UUID id) {
    }

    record Counts(int count, boolean flag, double ratio) {
    }

    /** A body whose fields are set one by one, so that a field sent as null differs from one not sent. */
    public static final class Changes {
        private String titleText = "(not sent)";

        public void setTitleText(String titleText) {
            this.titleText = titleText;
        }
    }

    enum Colour implements Labelled {
        DEEP_RED;

        @Override
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum Plain {
        LEFT
    }

    record Out(long id, String userName, Instant createdAt, OffsetDateTime changedAt, LocalDate day, UUID key,
               BigDecimal rating, Long prev, List<String> tags, Map<String, Object> extra, Colour colour) {
    }

    record Choices(Colour colour, Plain plain, Optional<String> maybe) {
    }

    record Checked(String name) {
        Checked {
            if ("bad".equals(name)) {
                throw ProblemException.invalid("name", "name must not be bad");
            }
            if ("worse".equals(name)) {
                throw new IllegalArgumentException("worse");
            }
        }
    }

    @Test
    void readsSnakeCaseFieldsNestedRecordsListsAndIsoValues() {
        Body body = parse("""
                {"name":"kiwi","big_number":9007199254740993,"flag":true,"ratio":1,"tags":["a",null],
                 "inner":{"title":"t","n":2},"inners":[{"title":"u"}],"at":"2024-01-02T03:04:05.123+02:00",
                 "day":"2024-01-02","id":"123e4567-e89b-12d3-a456-426614174000"}""", Body.class);
        assertEquals(new Body("kiwi", 9007199254740993L, true, 1.0, Arrays.asList("a", null),
                new Inner("t", 2), List.of(new Inner("u", null)), Instant.parse("2024-01-02T01:04:05.123Z"),
                LocalDate.of(2024, 1, 2), UUID.fromString("123e4567-e89b-12d3-a456-426614174000")), body);
        assertEquals(new Counts(0, false, 2.5), parse("{\"count\":0,\"flag\":false,\"ratio\":2.5}", Counts.class));
    }

    @Test
    void ignoresUnknownFieldsTakesTheLastOfDuplicatesAndLeavesMissingOnesNull() {
        assertEquals(new Body("b", null, null, null, null, null, null, null, null, null),
                parse("{\"unknown\":{\"deep\":[1,{\"x\":\"\\u0000\"}]},\"name\":\"a\",\"bigNumber\":1,\"name\":\"b\"}",
                        Body.class));
    }

    @Test
    void setsFieldsThroughSettersWhenTheTypeHasThem() {
        assertEquals("x", parse("{\"title_text\":\"x\"}", Changes.class).titleText);
        assertEquals(null, parse("{\"title_text\":null}", Changes.class).titleText);
        assertEquals("(not sent)", parse("{\"titleText\":\"x\"}", Changes.class).titleText);
        assertInvalid("{\"title_text\":1}", Changes.class, "title_text", "field 'title_text' has the wrong type");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithItsPath() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"name\":42}", "name");
        cases.put("{\"name\":true}", "name");
        cases.put("{\"name\":1.5}", "name");
        cases.put("{\"name\":[\"a\"]}", "name");
        cases.put("{\"name\":{}}", "name");
        cases.put("{\"big_number\":\"1\"}", "big_number");
        cases.put("{\"flag\":\"true\"}", "flag");
        cases.put("{\"flag\":1}", "flag");
        cases.put("{\"ratio\":\"1\"}", "ratio");
        cases.put("{\"tags\":\"x\"}", "tags");
        cases.put("{\"tags\":[1]}", "tags[0]");
        cases.put("{\"inner\":[]}", "inner");
        cases.put("{\"inner\":{\"title\":5}}", "inner.title");
        cases.put("{\"inners\":[{\"n\":1},{\"n\":\"x\"}]}", "inners[1].n");
        cases.put("{\"at\":\"yesterday\"}", "at");
        cases.put("{\"day\":\"2024-13-01\"}", "day");
        cases.put("{\"id\":\"nope\"}", "id");
        cases.forEach((json, field) -> assertInvalid(json, Body.class, field, "field '" + field + "' has the wrong type"));
    }

    @Test
    void aPrimitiveMustBeSentAndNotNull() {
        assertInvalid("{\"flag\":true,\"ratio\":1}", Counts.class, "count", "field 'count' has the wrong type");
        assertInvalid("{\"count\":null,\"flag\":true,\"ratio\":1}", Counts.class, "count",
                "field 'count' has the wrong type");
        assertInvalid("{\"count\":1,\"flag\":null,\"ratio\":1}", Counts.class, "flag", "field 'flag' has the wrong type");
        assertInvalid("{\"count\":\"3\",\"flag\":true,\"ratio\":1}", Counts.class, "count",
                "field 'count' has the wrong type");
        assertInvalid("{\"count\":3000000000,\"flag\":true,\"ratio\":1}", Counts.class, "count",
                "field 'count' is not valid");
    }

    @Test
    void numbersAndTimesAreNotCoerced() {
        String counts = "\"count\":1,\"flag\":true,\"ratio\":1";
        assertInvalid("{" + counts + ",\"count\":1.5}", Counts.class, "count", "field 'count' has the wrong type");
        assertInvalid("{" + counts + ",\"count\":1.0}", Counts.class, "count", "field 'count' has the wrong type");
        assertInvalid("{" + counts + ",\"ratio\":\"NaN\"}", Counts.class, "ratio", "field 'ratio' has the wrong type");
        assertInvalid("{\"big_number\":1e3}", Body.class, "big_number", "field 'big_number' has the wrong type");
        assertInvalid("{\"big_number\":99999999999999999999}", Body.class, "big_number", "field 'big_number' is not valid");
        assertInvalid("{\"at\":12345}", Body.class, "at", "field 'at' has the wrong type");
        assertInvalid("{\"id\":\"1-2-3-4-5\"}", Body.class, "id", "field 'id' has the wrong type");
    }

    @Test
    void enumsAreReadByTheirLabelOrName() {
        assertEquals(new Choices(Colour.DEEP_RED, Plain.LEFT, Optional.empty()),
                parse("{\"colour\":\"deep_red\",\"plain\":\"LEFT\"}", Choices.class));
        assertInvalid("{\"colour\":\"DEEP_RED\"}", Choices.class, "colour", "field 'colour' has the wrong type");
        assertEquals(Optional.of("x"), parse("{\"maybe\":\"x\"}", Choices.class).maybe());
        assertEquals(Optional.empty(), parse("{\"maybe\":null}", Choices.class).maybe());
    }

    @Test
    void whatTheConstructorRefusesIsAProblem() {
        ProblemException e = assertThrows(ProblemException.class, () -> parse("{\"name\":\"bad\"}", Checked.class));
        assertEquals("name must not be bad", e.getMessage());
        assertBadRequest("{\"name\":\"worse\"}", Checked.class, "the request body does not fit this endpoint");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertBadRequest(new byte[0], "the request body is empty; send a JSON object");
        assertBadRequest("null", "the request body is null; send a JSON object");
        for (String json : List.of("   ", "[]", "\"x\"", "42")) {
            assertBadRequest(json, "the request body must be a JSON object");
        }
    }

    @Test
    void malformedJsonIsPlacedByLineAndColumn() {
        assertBadRequest("{name:1}", "the request body is not valid JSON (line 1, column 2)");
        assertBadRequest("{\"name\":\"a\",}", "the request body is not valid JSON (line 1, column 13)");
        assertBadRequest("{\n  \"name\" \"a\"}", "the request body is not valid JSON (line 2, column 10)");
        assertBadRequest("{\"name\":\"a\"} x", "the request body is not valid JSON (line 1, column 14)");
        assertBadRequest("\uFEFF{\"name\":\"a\"}", "the request body is not valid JSON (line 1, column 1)");
        assertBadRequest("{\"ratio\":NaN}", "the request body is not valid JSON (line 1, column 13)");
        assertBadRequest("{\"name\":\"a\"} {}", "the request body is not valid JSON (line 1, column 14)");
    }

    @Test
    void deepNestingAndLongNumbersAreRefusedEvenInFieldsTheEndpointIgnores() {
        String limits = "the request body nests deeper than 64 levels or has a number longer than 64 digits";
        assertBadRequest("{\"big_number\":" + "1".repeat(70) + "}", limits);
        assertBadRequest("{\"unknown\":" + "1".repeat(70) + "}", limits);
        assertBadRequest("{\"unknown\":" + "[".repeat(70) + "]".repeat(70) + "}", limits);
    }

    @Test
    void textPostgresqlCannotStoreIsRefusedNamingTheField() {
        assertInvalid("{\"name\":\"\\u0000\"}", Body.class, "name", "field 'name' must not contain U+0000");
        assertInvalid("{\"name\":\"a\\udc00\"}", Body.class, "name",
                "field 'name' must not contain a lone surrogate (\\udc00)");
        assertInvalid("{\"tags\":[\"a\",\"\\ud800\"]}", Body.class, "tags[1]",
                "field 'tags[1]' must not contain a lone surrogate (\\ud800)");
        assertInvalid("{\"inners\":[{\"title\":\"\\u0000\"}]}", Body.class, "inners[0].title",
                "field 'inners[0].title' must not contain U+0000");
        assertEquals("\uD83D\uDE00", parse("{\"name\":\"\\ud83d\\ude00\"}", Body.class).name());
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        assertBadRequest("{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1),
                "the request body is not UTF-8; send JSON in UTF-8");
        assertBadRequest("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16), "the request body is not UTF-8; send JSON in UTF-8");
    }

    @Test
    void writesSnakeCaseNamesIsoValuesAndNulls() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("camelKey", 1);
        extra.put("none", null);
        Out out = new Out(1, "\u00fc\"\n\u0001", Instant.parse("2024-01-02T03:04:05.120Z"),
                OffsetDateTime.parse("2024-01-02T03:04+02:00"), LocalDate.of(2024, 1, 2),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new BigDecimal("4.50"), null,
                List.of("a"), extra, Colour.DEEP_RED);
        assertEquals("{\"id\":1,\"user_name\":\"\u00fc\\\"\\n\\u0001\",\"created_at\":\"2024-01-02T03:04:05.120Z\","
                + "\"changed_at\":\"2024-01-02T03:04:00+02:00\",\"day\":\"2024-01-02\","
                + "\"key\":\"123e4567-e89b-12d3-a456-426614174000\",\"rating\":4.50,\"prev\":null,\"tags\":[\"a\"],"
                + "\"extra\":{\"camelKey\":1,\"none\":null},\"colour\":\"deep_red\"}", text(out));
        assertEquals("[\"a\",{\"status\":\"UP\"},2.5,true,null]",
                text(Arrays.asList("a", Map.of("status", "UP"), 2.5, true, null)));
        assertEquals("{\"colour\":\"deep_red\",\"plain\":\"LEFT\",\"maybe\":\"x\"}",
                text(new Choices(Colour.DEEP_RED, Plain.LEFT, Optional.of("x"))));
        assertEquals("{\"colour\":null,\"plain\":null,\"maybe\":null}", text(new Choices(null, null, Optional.empty())));
    }

    @Test
    void aProblemLeavesOutWhatItDoesNotHave() {
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"d\",\"instance\":\"/x\"}",
                text(new Problem("about:blank", "Bad Request", 400, "d", "/x", null)));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"d\",\"instance\":\"/x\","
                + "\"field\":\"name\"}", text(new Problem("about:blank", "Bad Request", 400, "d", "/x", "name")));
    }

    private static <T> T parse(String json, Class<T> type) {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static String text(Object value) {
        return new String(Json.bytes(value), StandardCharsets.UTF_8);
    }

    private static void assertInvalid(String json, Class<?> type, String field, String detail) {
        ProblemException e = assertThrows(ProblemException.class, () -> parse(json, type), json);
        assertEquals(detail, e.getMessage(), json);
        assertEquals(Optional.of(field), e.field(), json);
        assertEquals(400, e.status().code());
    }

    private static void assertBadRequest(String json, String detail) {
        assertBadRequest(json.getBytes(StandardCharsets.UTF_8), detail);
    }

    private static void assertBadRequest(byte[] body, String detail) {
        assertBadRequest(body, Body.class, detail);
    }

    private static void assertBadRequest(String json, Class<?> type, String detail) {
        assertBadRequest(json.getBytes(StandardCharsets.UTF_8), type, detail);
    }

    private static void assertBadRequest(byte[] body, Class<?> type, String detail) {
        ProblemException e = assertThrows(ProblemException.class, () -> Json.parse(body, type));
        assertEquals(detail, e.getMessage());
        assertEquals(Optional.empty(), e.field());
        assertEquals(400, e.status().code());
    }
}
