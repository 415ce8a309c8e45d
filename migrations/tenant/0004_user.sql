-- Staff accounts of this salon. Passwords are argon2id hashes (Bun.password).
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  staff_id      INTEGER REFERENCES resources (id),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

-- Bearer tokens for the JSON API; only a SHA-256 of the token is stored.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER REFERENCES users (id),
  role         TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
