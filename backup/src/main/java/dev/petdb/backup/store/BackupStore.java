package dev.petdb.backup.store;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import dev.petdb.backup.BackupException;

/**
 * Where backups live: list, read, delete, upload, and clear away uploads that never finished. R2 in production
 * ({@link R2BackupStore}).
 */
public interface BackupStore extends AutoCloseable {
    /**
     * @param prefix a key prefix, empty for the whole bucket
     * @return every object under it, across as many pages as the store returns
     */
    List<StoredObject> list(String prefix);

    /**
     * Looks one key up without listing: one HEAD request, whatever the number of objects in the bucket.
     *
     * @param key an object's key
     * @return the object, or empty when there is none under that key
     * @throws BackupException when the bucket does not exist or the store fails otherwise
     */
    Optional<StoredObject> head(String key);

    /**
     * @param key an object's key
     * @return its content as a stream; close it
     */
    InputStream open(String key);

    /**
     * @param key an object's key; deleting a missing one is not an error
     */
    void delete(String key);

    /**
     * Stores a stream of unknown length as one object, in parts, holding one part in memory. If the stream or the
     * store fails, nothing is stored: the partial upload is aborted.
     *
     * @param key     the object's key
     * @param content read to its end
     * @return the bytes stored
     */
    long upload(String key, InputStream content);

    /**
     * @param prefix a key prefix
     * @return the multipart uploads under it that were started and neither completed nor aborted, across all pages
     */
    List<UnfinishedUpload> unfinishedUploads(String prefix);

    /**
     * Aborts an unfinished upload, freeing its parts; one already gone is not an error.
     *
     * @param upload the upload
     */
    void abort(UnfinishedUpload upload);

    @Override
    void close();
}
