-- Signed-in admin browsers. Only a SHA-256 of the cookie's token is stored, so a copy of the
-- database cannot be used to sign in. expires_at slides forward while the session is used.
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  user_agent   TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins, counted per account (the e-mail typed) and per client address, to slow down
-- password guessing. Rows older than the throttle window are deleted on the next sign-in.
CREATE TABLE login_failures (
  id    INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  ip    TEXT,
  at    INTEGER NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);
