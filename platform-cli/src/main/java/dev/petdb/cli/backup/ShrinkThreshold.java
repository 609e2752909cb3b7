package dev.petdb.cli.backup;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --shrink-threshold}: a percentage above 0 and at most 100, with or without its {@code %}.
 *
 * @param percent the percentage
 */
record ShrinkThreshold(double percent) {
    /** @return the fraction, e.g. 0.5 for {@code 50%} */
    double fraction() {
        return percent / 100;
    }

    /** Parses {@code 50%} or {@code 50}. */
    static final class Converter implements ITypeConverter<ShrinkThreshold> {
        @Override
        public ShrinkThreshold convert(String value) {
            String number = value.strip().toLowerCase(Locale.ROOT).replaceFirst("\\s*%$", "");
            try {
                double percent = Double.parseDouble(number);
                if (percent > 0 && percent <= 100) {
                    return new ShrinkThreshold(percent);
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException("must be a percentage above 0 and at most 100, such as 50%");
        }
    }
}
