-- issue 16: a visit booked in the salon's Telegram bot says so (source 'telegram'). SQLite cannot
-- widen a CHECK in place, so the table is rebuilt the documented way (new table, copy, drop,
-- rename; migrations run with foreign keys off, so booking_services and occupancy keep their rows).
CREATE TABLE bookings_new (
  id                INTEGER PRIMARY KEY,
  location_id       INTEGER NOT NULL REFERENCES locations (id),
  client_id         INTEGER REFERENCES clients (id),
  status            TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')),
  source            TEXT NOT NULL CHECK (source IN ('web', 'admin', 'api', 'import', 'telegram')),
  start_ts          INTEGER NOT NULL,
  end_ts            INTEGER NOT NULL CHECK (end_ts > start_ts),
  price_minor       INTEGER NOT NULL DEFAULT 0,
  paid_minor        INTEGER NOT NULL DEFAULT 0,
  currency          TEXT NOT NULL,
  notes             TEXT,
  manage_token_hash TEXT UNIQUE,
  idempotency_key   TEXT UNIQUE,
  cancel_reason     TEXT,
  created_by        INTEGER REFERENCES users (id),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  contact_name      TEXT,
  contact_phone     TEXT,
  contact_email     TEXT,
  request_hash      TEXT,
  sequence          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO bookings_new (id, location_id, client_id, status, source, start_ts, end_ts, price_minor, paid_minor, currency, notes,
  manage_token_hash, idempotency_key, cancel_reason, created_by, created_at, updated_at, contact_name, contact_phone, contact_email,
  request_hash, sequence)
SELECT id, location_id, client_id, status, source, start_ts, end_ts, price_minor, paid_minor, currency, notes,
  manage_token_hash, idempotency_key, cancel_reason, created_by, created_at, updated_at, contact_name, contact_phone, contact_email,
  request_hash, sequence
FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
CREATE INDEX bookings_start ON bookings (start_ts);
CREATE INDEX bookings_client ON bookings (client_id);
