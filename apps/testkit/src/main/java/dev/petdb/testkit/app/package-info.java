/**
 * An app under test: {@link dev.petdb.testkit.app.AppServer}, a JUnit 5 extension that starts one app per test class on
 * a free port and a fresh database of a real PostgreSQL, and {@link dev.petdb.testkit.app.AppUnderTest}, the handle
 * tests talk to. For the tests of every app and of the apps {@code petdb app new} writes; main code never calls it.
 */
package dev.petdb.testkit.app;
