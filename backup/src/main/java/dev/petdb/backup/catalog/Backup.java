package dev.petdb.backup.catalog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.backup.store.StoredObject;

/**
 * One backup as dokku-postgres names it: {@code [FOLDERS/]NAME-YYYY-MM-DD-HH-MM-SS.tgz}, or {@code .tgz.gpg} when
 * encrypted; the timestamp is UTC and is the backup's time, whatever folder it sits in.
 *
 * @param key       the object key
 * @param createdAt the time in its name
 * @param size      bytes
 * @param encrypted whether it ends in {@code .gpg}
 */
public record Backup(String key, Instant createdAt, long size, boolean encrypted) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd-HH-mm-ss");
    private static final Pattern NAME = Pattern.compile("(?:.*/)?(.+)-(\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2})\\.tgz(\\.gpg)?");

    /**
     * @param object     an object from the store
     * @param backupName the name every backup starts with, e.g. {@code postgres-petdb}
     * @return the backup, when the object's name is one
     */
    public static Optional<Backup> of(StoredObject object, String backupName) {
        return parse(object, backupName::equals);
    }

    /**
     * @param object an object whose name may be a dokku backup's, such as a downloaded file
     * @return the backup, when the object's name is one, whatever its name part
     */
    public static Optional<Backup> of(StoredObject object) {
        return parse(object, name -> true);
    }

    private static Optional<Backup> parse(StoredObject object, Predicate<String> acceptedName) {
        Matcher m = NAME.matcher(object.key());
        if (!m.matches() || !acceptedName.test(m.group(1))) {
            return Optional.empty();
        }
        try {
            Instant time = LocalDateTime.parse(m.group(2), STAMP).toInstant(ZoneOffset.UTC);
            return Optional.of(new Backup(object.key(), time, object.size(), m.group(3) != null));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // a name shaped like a backup with an impossible date is not one
        }
    }

    /**
     * @param backupName the name part, e.g. {@code postgres-petdb}
     * @param time       when the backup was taken
     * @param encrypted  whether it is encrypted
     * @return the file name dokku would give it
     */
    public static String fileName(String backupName, Instant time, boolean encrypted) {
        return backupName + "-" + STAMP.format(time.atOffset(ZoneOffset.UTC)) + ".tgz" + (encrypted ? ".gpg" : "");
    }
}
