package dev.petdb.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy on 127.0.0.1 with an in-memory store and signature v4 authentication, and
 * one bucket. {@link #env()} gives the environment an operator would set for R2.
 */
public final class TestS3 implements AutoCloseable {
    /** Test credentials; the server checks every request's signature against them. */
    public static final String ACCESS_KEY = "test-access-key";
    /** Test credentials. */
    public static final String SECRET_KEY = "test-secret-key-0123456789";

    private final S3Proxy proxy;
    private final String bucket;
    private final S3Client client;

    private TestS3(S3Proxy proxy, String bucket, S3Client client) {
        this.proxy = proxy;
        this.bucket = bucket;
        this.client = client;
    }

    /**
     * @param bucket the bucket to create
     * @return the running server; close it at the end
     */
    public static TestS3 start(String bucket) {
        TestTier.requireFullSuite("S3Proxy");
        try {
            TransientNio2BlobStore store = new TransientNio2BlobStore();
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            store.createContainer(bucket);
            S3Client client = S3Client.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                    .region(Region.of("auto"))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build();
            return new TestS3(proxy, bucket, client);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return proxy.getPort();
    }

    /**
     * @param prefix the folder within the bucket for BUCKET_NAME, empty for none
     * @return AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, AWS_SIGNATURE_VERSION, ENDPOINT_URL and
     *         BUCKET_NAME, as for dokku postgres:backup-auth
     */
    public Map<String, String> env(String prefix) {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_DEFAULT_REGION", "auto",
                "AWS_SIGNATURE_VERSION", "v4", "ENDPOINT_URL", "http://127.0.0.1:" + port(),
                "BUCKET_NAME", prefix.isEmpty() ? bucket : bucket + "/" + prefix);
    }

    /** Stores an object, as another writer (dokku) would. */
    public void put(String key, byte[] content) {
        client.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    /** @return multipart uploads started and neither completed nor aborted */
    public int pendingUploads() {
        return client.listMultipartUploads(r -> r.bucket(bucket)).uploads().size();
    }

    /** @return the object's content */
    public byte[] get(String key) {
        return client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    /** @return every key in the bucket */
    public List<String> keys() {
        return client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
    }

    /** @return whether the object exists */
    public boolean exists(String key) {
        return client.listObjectsV2(r -> r.bucket(bucket).prefix(key)).contents().stream().anyMatch(o -> o.key().equals(key));
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            // stopping a test server: nothing left to do
        }
    }
}
