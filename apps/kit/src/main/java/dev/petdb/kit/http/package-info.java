/**
 * The HTTP side every app shares: the route table an app declares its endpoints in, the complete routing around them
 * (access log, framing guards, HEAD, HTTP/1.0, health, the OpenAPI document at /openapi, 404/405), JSON in and out,
 * request parameters, ETags (made of Fingerprints, which the rate limiter keys tokens by too) and problem+json errors.
 * Apps call RouteTable, Json, Requests and ProblemException; PetApp calls the rest.
 */
package dev.petdb.kit.http;
