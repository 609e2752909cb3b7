/**
 * An app's configuration from Dokku-style environment variables (AppSettings, with RateLimitSettings and the
 * TrustedProxies whose X-Forwarded-For is believed) and the one exception for a reason the app cannot start
 * (StartupException), worded for the operator in one line. PetApp reads the settings; every kit package may throw
 * StartupException while starting.
 */
package dev.petdb.kit.config;
