package dev.petdb.kit.http.json;

/** Java names to JSON names: {@code createdAt} to {@code created_at}, spelled exactly as databind's SNAKE_CASE did. */
final class SnakeCase {
    private SnakeCase() {
    }

    /**
     * @param name a record component's or property's name
     * @return it in snake_case: an underscore before each run of capitals, all lower case, no leading underscore
     */
    static String of(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        boolean previousUpper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == 0 && c == '_') {
                continue;
            }
            if (Character.isUpperCase(c)) {
                if (!previousUpper && !out.isEmpty() && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                c = Character.toLowerCase(c);
                previousUpper = true;
            } else {
                previousUpper = false;
            }
            out.append(c);
        }
        return out.toString();
    }
}
