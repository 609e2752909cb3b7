package dev.petdb.fruits.items;

import dev.petdb.kit.http.ProblemException;

/**
 * The body of {@code POST /items}.
 *
 * @param name the item's name
 */
public record NewItem(String name) {
    /** Longest name accepted, in characters. */
    public static final int MAX_NAME_LENGTH = 100;

    /**
     * @return the name, trimmed
     * @throws ProblemException 400 naming {@code name} when it is missing, blank, too long or has control characters
     */
    public String validName() {
        if (name == null) {
            throw ProblemException.invalid("name", "name is required");
        }
        String trimmed = name.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length == 0 || length > MAX_NAME_LENGTH) {
            throw ProblemException.invalid("name", "name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("name", "name must not contain control characters");
        }
        return trimmed;
    }
}
