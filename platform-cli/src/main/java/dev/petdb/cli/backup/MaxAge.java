package dev.petdb.cli.backup;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code backup verify --max-age}: how old a backup may be before it is stale.
 *
 * @param limit the age as a duration
 * @param text  the age as the operator wrote it ({@code 26h}), for messages
 */
record MaxAge(Duration limit, String text) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})(m|h|d)");

    /** @return whether a backup of this age is older than the limit */
    boolean exceededBy(Duration age) {
        return age.compareTo(limit) > 0;
    }

    /** picocli's converter: {@code 90m}, {@code 26h}, {@code 2d}; anything else is bad usage with one line. */
    static final class Converter implements ITypeConverter<MaxAge> {
        @Override
        public MaxAge convert(String text) {
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                throw new TypeConversionException("must be a number with m, h or d, such as 26h");
            }
            long n = Long.parseLong(m.group(1));
            Duration limit = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new MaxAge(limit, text);
        }
    }
}
