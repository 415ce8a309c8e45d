-- issue 15: the client cabinet (/<slug>/me). A one-time code is kept only as an HMAC under the
-- salon's link_secret (six digits hashed plainly would fall to a brute force of a copied database).
-- Rows exist for unknown phones too, so asking for a code behaves the same for every phone.
CREATE TABLE client_codes (
  id         INTEGER PRIMARY KEY,
  phone      TEXT NOT NULL,
  address    TEXT,
  code_hash  TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX client_codes_phone ON client_codes (phone, created_at);
CREATE INDEX client_codes_address ON client_codes (address, created_at);

-- A remembered device: the cookie holds a random token, the row only its hash; signing out (or the
-- salon erasing the client) revokes it server-side.
CREATE TABLE client_sessions (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX client_sessions_client ON client_sessions (client_id);
