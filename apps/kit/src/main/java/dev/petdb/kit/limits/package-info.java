/**
 * Per-client request rate limits: a token bucket per client (ClientBuckets), the client a request comes from
 * (ClientKeys: its bearer token's hash, else its address, read from X-Forwarded-For only when a trusted proxy sent it),
 * and the filter that answers 429 with Retry-After (ClientRateLimit). PetApp puts the filter in front of every route
 * but health; apps do not call this package.
 */
package dev.petdb.kit.limits;
