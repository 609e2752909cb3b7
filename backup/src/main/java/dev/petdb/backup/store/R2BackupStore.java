package dev.petdb.backup.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.petdb.backup.BackupException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The backup store in Cloudflare R2 (or any S3 server) through the AWS SDK's S3 client, configured the way R2 needs:
 * the account endpoint, region {@code auto}, path-style addresses, and checksums only where the API requires them
 * (R2 rejects some of the SDK's newer default checksum headers).
 */
public final class R2BackupStore implements BackupStore {
    /** R2 wants every part but the last of one size, and at least 5 MiB. */
    static final int PART_SIZE = 16 * 1024 * 1024;

    /** How long the shutdown hook may spend aborting an upload before the JVM exits anyway. */
    private static final Duration ABORT_ON_EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final S3Client s3;
    private final R2Settings settings;
    private final String bucket;

    private R2BackupStore(S3Client s3, R2Settings settings) {
        this.s3 = s3;
        this.settings = settings;
        this.bucket = settings.bucket();
    }

    /**
     * @param settings endpoint, credentials and bucket
     * @return the store; close it when done
     */
    public static R2BackupStore connect(R2Settings settings) {
        return new R2BackupStore(client(settings).build(), settings);
    }

    private static S3ClientBuilder client(R2Settings settings) {
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    @Override
    public List<StoredObject> list(String prefix) {
        try {
            List<StoredObject> objects = new ArrayList<>();
            // the paginator follows continuation tokens: R2 and S3 return at most 1,000 keys a page
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                objects.add(new StoredObject(object.key(), object.size(), object.lastModified()));
            }
            return objects;
        } catch (NoSuchBucketException e) {
            throw new BackupException("bucket " + bucket + " does not exist", e);
        } catch (S3Exception e) {
            throw new BackupException("listing bucket " + bucket + " failed: " + reason(e), e);
        } catch (SdkClientException e) {
            throw new BackupException("cannot reach the backup store: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new BackupException("reading " + key + " failed: " + reason(e), e);
            }
            // a HEAD answer has no body to tell a missing key from a missing bucket: ask about the bucket
            requireBucket();
            return Optional.empty();
        } catch (SdkClientException e) {
            throw new BackupException("cannot reach the backup store: " + e.getMessage(), e);
        }
    }

    private void requireBucket() {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new BackupException("bucket " + bucket + " does not exist", e);
            }
            throw new BackupException("reading bucket " + bucket + " failed: " + reason(e), e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new BackupException("no backup " + key + " in bucket " + bucket, e);
        } catch (S3Exception e) {
            throw new BackupException("reading " + key + " failed: " + reason(e), e);
        } catch (SdkClientException e) {
            throw new BackupException("cannot reach the backup store: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw new BackupException("deleting " + key + " failed: " + reason(e), e);
        } catch (SdkClientException e) {
            throw new BackupException("cannot reach the backup store: " + e.getMessage(), e);
        }
    }

    @Override
    public long upload(String key, InputStream content) {
        AbortOnShutdown onExit = new AbortOnShutdown(client(settings)
                .overrideConfiguration(c -> c.apiCallTimeout(ABORT_ON_EXIT_TIMEOUT)).build(), bucket, key);
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
            onExit.started(uploadId);
        } catch (S3Exception e) {
            onExit.close();
            throw new BackupException("starting the upload of " + key + " failed: " + reason(e), e);
        } catch (SdkClientException e) {
            onExit.close();
            throw new BackupException("cannot reach the backup store: " + e.getMessage(), e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] part = new byte[PART_SIZE];
            long total = 0;
            while (true) {
                int length = content.readNBytes(part, 0, part.length);
                if (length == 0 && !parts.isEmpty()) {
                    break;
                }
                int number = parts.size() + 1;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        // from the part buffer itself: fromBytes would copy 16 MiB again
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                total += length;
                if (length < part.length) {
                    break;
                }
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            if (e instanceof BackupException backup) {
                throw backup;
            }
            String reason = e instanceof S3Exception s3e ? reason(s3e) : String.valueOf(e.getMessage());
            throw new BackupException("uploading " + key + " failed, nothing was stored: " + reason, e);
        } finally {
            onExit.close();
        }
    }

    @Override
    public List<UnfinishedUpload> unfinishedUploads(String prefix) {
        try {
            List<UnfinishedUpload> uploads = new ArrayList<>();
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(prefix)).uploads()) {
                uploads.add(new UnfinishedUpload(upload.key(), upload.uploadId(), upload.initiated()));
            }
            return uploads;
        } catch (NoSuchBucketException e) {
            throw new BackupException("bucket " + bucket + " does not exist", e);
        } catch (S3Exception e) {
            throw new BackupException("listing the unfinished uploads in bucket " + bucket + " failed: " + reason(e), e);
        } catch (SdkClientException e) {
            throw new BackupException("cannot reach the backup store: " + e.getMessage(), e);
        }
    }

    @Override
    public void abort(UnfinishedUpload upload) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
        } catch (NoSuchUploadException e) {
            // completed or aborted meanwhile: gone either way
        } catch (S3Exception e) {
            throw new BackupException("aborting the unfinished upload of " + upload.key() + " failed: " + reason(e), e);
        } catch (SdkClientException e) {
            throw new BackupException("cannot reach the backup store: " + e.getMessage(), e);
        }
    }

    private static String reason(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code == null ? "HTTP " + e.statusCode() : code + " (HTTP " + e.statusCode() + ")");
    }

    @Override
    public void close() {
        s3.close();
    }
}
