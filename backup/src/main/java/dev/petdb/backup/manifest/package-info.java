/**
 * What petdb remembers about each backup, beside it in the bucket: a {@link dev.petdb.backup.manifest.Manifest} (per
 * table rows and bytes, per schema totals, the dump's header, the verify result) as small JSON
 * ({@link dev.petdb.backup.manifest.ManifestJson}) under {@code <prefix>.petdb/manifests/}
 * ({@link dev.petdb.backup.manifest.ManifestStore}); {@link dev.petdb.backup.manifest.VanishedData} compares two
 * manifests for data that disappeared, and {@link dev.petdb.backup.manifest.BackupHistory} reads every backup with its
 * manifest. The CLI's verify, create, prune, list and history call it, and anything that shows a backup's history.
 */
package dev.petdb.backup.manifest;
