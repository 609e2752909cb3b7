-- Runs with search_path = the app's schema: no schema names here.

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    -- bcrypt, cost 12; the password itself is never stored
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- one account per address regardless of case
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- Bearer tokens by their SHA-256: a copy of this table does not let anyone sign in.
CREATE TABLE access_tokens (
    token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE INDEX access_tokens_user_id ON access_tokens (user_id);

-- Failed sign-ins per lower-cased email, known or not. Kept here, not in memory, so that every instance of the app
-- slows down the same guesser.
CREATE TABLE login_failures (
    email          text        PRIMARY KEY,
    failures       integer     NOT NULL CHECK (failures > 0),
    last_failed_at timestamptz NOT NULL
);

CREATE TABLE todos (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description text        CHECK (char_length(description) <= 2000),
    state       text        NOT NULL DEFAULT 'todo' CHECK (state IN ('draft', 'todo', 'doing', 'done', 'trash')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- every query on todos is one user's, in id order
CREATE INDEX todos_user_id_id ON todos (user_id, id);
