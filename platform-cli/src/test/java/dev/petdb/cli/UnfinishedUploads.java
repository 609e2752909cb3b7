package dev.petdb.cli;

import java.net.URI;

import dev.petdb.testkit.TestS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts multipart uploads that nobody finishes, as a {@code backup create} killed with {@code kill -9} leaves them.
 */
public final class UnfinishedUploads {
    private UnfinishedUploads() {
    }

    /**
     * @param s3     the server
     * @param bucket its bucket
     * @param key    the key the upload would store
     * @return the upload's id
     */
    public static String start(TestS3 s3, String bucket, String key) {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.port()))
                .region(Region.of("auto")).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .build()) {
            return client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        }
    }
}
