package dev.petdb.backup.store;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.petdb.backup.BackupException;

/**
 * Where the backups are, read from the environment under the names dokku's backup container uses, so the five values
 * given to {@code dokku postgres:backup-auth} work verbatim.
 *
 * @param accessKeyId     {@code AWS_ACCESS_KEY_ID}
 * @param secretAccessKey {@code AWS_SECRET_ACCESS_KEY}
 * @param region          {@code AWS_DEFAULT_REGION}, {@code auto} for R2
 * @param endpoint        {@code ENDPOINT_URL}, e.g. {@code https://ACCOUNT_ID.r2.cloudflarestorage.com}
 * @param bucket          the bucket part of {@code BUCKET_NAME}
 * @param prefix          the path after the bucket in {@code BUCKET_NAME}, empty or ending in {@code /}
 * @param backupName      {@code BACKUP_NAME}: the start of every backup's file name, {@code postgres-petdb} by default
 */
public record R2Settings(String accessKeyId, String secretAccessKey, String region, URI endpoint, String bucket,
                         String prefix, String backupName) {

    /**
     * @param env the environment
     * @return the settings
     * @throws BackupException naming the first variable that is missing or wrong
     */
    public static R2Settings fromEnvironment(Map<String, String> env) {
        String accessKey = required(env, "AWS_ACCESS_KEY_ID");
        String secretKey = required(env, "AWS_SECRET_ACCESS_KEY");
        String region = env.getOrDefault("AWS_DEFAULT_REGION", "auto").strip();
        String signature = env.getOrDefault("AWS_SIGNATURE_VERSION", "v4").strip().toLowerCase(Locale.ROOT);
        if (!signature.equals("v4") && !signature.equals("s3v4")) {
            throw new BackupException("AWS_SIGNATURE_VERSION must be s3v4 or v4 (R2 accepts only signature version 4)");
        }
        URI endpoint;
        try {
            endpoint = URI.create(required(env, "ENDPOINT_URL"));
        } catch (IllegalArgumentException e) {
            throw new BackupException("ENDPOINT_URL is not a URL (expected https://ACCOUNT_ID.r2.cloudflarestorage.com)");
        }
        if (endpoint.getScheme() == null || !endpoint.getScheme().matches("https?") || endpoint.getHost() == null) {
            throw new BackupException("ENDPOINT_URL must be an http(s) URL such as https://ACCOUNT_ID.r2.cloudflarestorage.com");
        }
        if (endpoint.getUserInfo() != null) {
            throw new BackupException("ENDPOINT_URL must not carry credentials; use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        String bucketAndPrefix = required(env, "BUCKET_NAME").replaceFirst("^s3://", "");
        int slash = bucketAndPrefix.indexOf('/');
        String bucket = slash < 0 ? bucketAndPrefix : bucketAndPrefix.substring(0, slash);
        String prefix = slash < 0 ? "" : bucketAndPrefix.substring(slash + 1);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,62}")) {
            throw new BackupException("BUCKET_NAME must start with a bucket name of lower-case letters, digits, '.' and '-'");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        String backupName = env.getOrDefault("BACKUP_NAME", "postgres-petdb").strip();
        if (!backupName.matches("[A-Za-z0-9._-]+")) {
            throw new BackupException("BACKUP_NAME may hold letters, digits, '.', '_' and '-' only");
        }
        return new R2Settings(accessKey, secretKey, region, endpoint, bucket, prefix, backupName);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new BackupException(name + " is not set (the value given to dokku postgres:backup-auth)");
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "R2Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + ", backupName="
                + backupName + ", accessKeyId=****]";
    }
}
