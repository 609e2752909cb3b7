-- Runs with search_path = the app's schema: no schema names here.

-- One canonical form per address, computed in Java only (EmailAddress: NFKC, lower case by Locale.ROOT, no invisible
-- characters), identifies an account; PostgreSQL's lower() no longer takes part, as it cases some letters (the
-- dotted capital I) differently from Java. Rows from before this migration get their key when the app starts
-- (UserStore.keyStoredEmails), oldest first: a later look-alike of an older account, or an email the rules now
-- refuse, keeps none and cannot sign in until an operator resolves it.
ALTER TABLE users ADD COLUMN email_key text CHECK (char_length(email_key) BETWEEN 3 AND 254);
CREATE UNIQUE INDEX users_email_key ON users (email_key);
DROP INDEX users_email_lower_key;

-- The throttle now counts an attempt before its password is checked, and takes it back (to zero, at least) when the
-- check could not run; login_failures.email holds the canonical key from now on. Older rows keyed by the former
-- rule are at most 15 minutes of memory and expire by themselves.
ALTER TABLE login_failures DROP CONSTRAINT login_failures_failures_check;
ALTER TABLE login_failures ADD CONSTRAINT login_failures_failures_check CHECK (failures >= 0);
