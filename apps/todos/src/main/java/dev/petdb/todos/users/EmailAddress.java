package dev.petdb.todos.users;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.petdb.kit.http.ProblemException;

/**
 * An email address as typed, and its canonical form: the one string that identifies an account and keys the sign-in
 * throttle. Not a validation of RFC 5322 (whether mail arrives is the mail server's business), but one rule, applied
 * in Java only, so that the database never decides on its own what counts as the same address:
 * <ol>
 * <li>surrounding whitespace is dropped;</li>
 * <li>no spaces, control, format (zero-width, bidi), private-use, unassigned or otherwise invisible characters;</li>
 * <li>canonical = NFKC, lower case by {@link Locale#ROOT}, NFKC again: compatibility look-alikes (the Kelvin sign,
 * fullwidth letters and at sign, ligatures) and composed or decomposed accents are one address;</li>
 * <li>one {@code @} with something on both sides (in the canonical form, so a fullwidth at sign counts), at most
 * {@value #MAX_LENGTH} characters as typed and canonical;</li>
 * <li>the local part and each domain label are written in one script, or in Latin with Han and Japanese or Korean
 * scripts (UTS #39's "highly restrictive" level), so that Cyrillic {@code а} cannot pass for Latin {@code a}.</li>
 * </ol>
 *
 * @param asTyped   the address without surrounding whitespace, as shown back to its user
 * @param canonical the form that identifies the account
 */
public record EmailAddress(String asTyped, String canonical) {
    /** Longest address accepted, in characters (RFC 5321's limit on a path). */
    public static final int MAX_LENGTH = 254;

    private static final String FIELD = "email";
    /** Default-ignorable code points that are letters or marks rather than format characters, so drawn as nothing. */
    private static final List<int[]> INVISIBLE = List.of(new int[] {0x034F, 0x034F}, new int[] {0x115F, 0x1160},
            new int[] {0x17B4, 0x17B5}, new int[] {0x180B, 0x180F}, new int[] {0x3164, 0x3164},
            new int[] {0xFE00, 0xFE0F}, new int[] {0xFFA0, 0xFFA0}, new int[] {0xE0100, 0xE01EF});
    /** Script mixes UTS #39 section 5.2 allows in one identifier; any single script is allowed too. */
    private static final List<Set<Character.UnicodeScript>> MIXES = List.of(
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                    Character.UnicodeScript.KATAKANA),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));

    /**
     * @param email an email from a request body
     * @return it as typed and canonical
     * @throws ProblemException 400 naming {@code email} when it is missing or breaks a rule above
     */
    public static EmailAddress parse(String email) {
        if (email == null) {
            throw ProblemException.invalid(FIELD, "email is required");
        }
        String asTyped = email.strip();
        rejectInvisible(asTyped);
        String canonical = canonical(asTyped);
        // NFKC can make an @ (from a fullwidth one) or a space (from a compatibility form): check again after it
        rejectInvisible(canonical);
        if (!plausible(canonical) || asTyped.codePointCount(0, asTyped.length()) > MAX_LENGTH) {
            throw ProblemException.invalid(FIELD, "email must be an address like name@example.com, at most "
                    + MAX_LENGTH + " characters");
        }
        int at = canonical.indexOf('@');
        boolean oneScriptEach = oneScriptOrAllowedMix(canonical.substring(0, at));
        for (String label : canonical.substring(at + 1).split("\\.", -1)) {
            oneScriptEach &= oneScriptOrAllowedMix(label);
        }
        if (!oneScriptEach) {
            throw ProblemException.invalid(FIELD, "email mixes scripts within its name or a domain label "
                    + "(such as Latin and Cyrillic letters), which lets one address imitate another");
        }
        return new EmailAddress(asTyped, canonical);
    }

    /**
     * @param email an address stored before the canonical form existed
     * @return its canonical form, or empty when it breaks a rule of {@link #parse}
     */
    public static Optional<String> canonicalOf(String email) {
        try {
            return Optional.of(parse(email).canonical());
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    private static String canonical(String email) {
        // lower-casing can undo NFKC (a capital with a combining mark), so normalise on both sides of it
        String compatible = Normalizer.normalize(email, Normalizer.Form.NFKC);
        return Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    private static void rejectInvisible(String email) {
        if (email.codePoints().anyMatch(EmailAddress::invisible)) {
            throw ProblemException.invalid(FIELD, "email must not contain spaces, control, format (zero-width or "
                    + "direction), private-use, unassigned or other invisible characters");
        }
    }

    private static boolean invisible(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                return true;
            }
            default -> {
                return Character.isWhitespace(c) || INVISIBLE.stream().anyMatch(r -> c >= r[0] && c <= r[1]);
            }
        }
    }

    private static boolean plausible(String email) {
        int at = email.indexOf('@');
        return at > 0 && at == email.lastIndexOf('@') && at < email.length() - 1
                && email.codePointCount(0, email.length()) <= MAX_LENGTH;
    }

    private static boolean oneScriptOrAllowedMix(String part) {
        Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
        part.codePoints().mapToObj(Character.UnicodeScript::of)
                .filter(s -> s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED)
                .forEach(scripts::add);
        return scripts.size() <= 1 || MIXES.stream().anyMatch(mix -> mix.containsAll(scripts));
    }
}
