package dev.petdb.backup.store;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts one key's multipart upload when the JVM shuts down (SIGTERM, SIGINT, SIGHUP) while the upload is in flight,
 * so that a stopped backup leaves no parts behind; registered only for as long as the upload runs.
 * <p>
 * Registered before the upload starts: a signal that comes while the store is still answering the start finds the
 * upload by its key. The abort goes through a client of its own, built before any shutdown and bounded in time: the
 * interrupted command may close the upload's client while the hook runs, and an unreachable store must not keep the
 * JVM from exiting. {@code kill -9} runs no hook; {@code petdb backup prune} clears what it leaves.
 */
final class AbortOnShutdown implements AutoCloseable {
    private final S3Client client;
    private final String bucket;
    private final String key;
    private final Thread hook;
    private volatile String uploadId;

    /**
     * @param client a client for this hook alone, closed by {@link #close()}
     * @param bucket the bucket
     * @param key    the key being uploaded
     */
    AbortOnShutdown(S3Client client, String bucket, String key) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.hook = new Thread(this::abort, "petdb-abort-upload");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            client.close();
            throw e; // already shutting down: nothing was started
        }
    }

    /** @param id the started upload's id */
    void started(String id) {
        uploadId = id;
    }

    private void abort() {
        try {
            String id = uploadId;
            if (id != null) {
                client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(id));
                return;
            }
            for (MultipartUpload upload : client.listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads()) {
                if (upload.key().equals(key)) {
                    client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload.uploadId()));
                }
            }
        } catch (RuntimeException e) {
            // completed or aborted by the command meanwhile, or the store is unreachable: prune clears it later
        }
    }

    /** The upload ended (stored or aborted): the hook is no longer needed. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return; // shutting down: the hook runs, or ran, with its client; the exit ends both
        }
        client.close();
    }
}
