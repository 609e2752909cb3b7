package dev.petdb.kit.http.json;

/**
 * A value written to JSON as its label and read back from it, such as an enum whose JSON spelling differs from its
 * constant's name. An enum that is not Labelled is written and read as its {@code name()}.
 */
public interface Labelled {
    /** @return the text this value is in JSON */
    String label();
}
