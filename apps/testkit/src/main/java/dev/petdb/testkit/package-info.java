/**
 * Real services for tests, never mocks: PostgreSQL (TestPostgres), S3 (TestS3), HTTP clients (TestHttp, and RawHttp
 * for bytes exactly as given), apps run from their Procfile and backups as Dokku makes them (DokkuProcesses,
 * DokkuBackups), Debian's Chromium run headless on a local page (HeadlessChromium), the two test tiers (TestTier)
 * and file helpers (TestFiles). For the tests of every module, in test scope only; main code never
 * calls it.
 */
package dev.petdb.testkit;
