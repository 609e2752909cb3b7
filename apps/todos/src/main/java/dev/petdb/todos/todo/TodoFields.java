package dev.petdb.todos.todo;

import dev.petdb.kit.http.ProblemException;

/**
 * The rules for a todo's title and description, the same for creating and changing one.
 */
final class TodoFields {
    static final int MAX_TITLE_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 2000;

    private TodoFields() {
    }

    /**
     * @return the title, trimmed
     * @throws ProblemException 400 naming {@code title} when it is missing, blank, too long or has control characters
     */
    static String title(String title) {
        if (title == null) {
            throw ProblemException.invalid("title", "title is required");
        }
        String trimmed = title.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0 || length > MAX_TITLE_LENGTH) {
            throw ProblemException.invalid("title", "title must be 1 to " + MAX_TITLE_LENGTH + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("title", "title must not contain control characters");
        }
        return trimmed;
    }

    /**
     * @return the description as sent, or null for none
     * @throws ProblemException 400 naming {@code description} when it is too long or has control characters other
     *                          than line breaks and tabs (PostgreSQL's text cannot even hold NUL)
     */
    static String description(String description) {
        if (description == null) {
            return null;
        }
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_LENGTH) {
            throw ProblemException.invalid("description", "description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters");
        }
        if (description.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw ProblemException.invalid("description",
                    "description must not contain control characters other than line breaks and tabs");
        }
        return description;
    }
}
