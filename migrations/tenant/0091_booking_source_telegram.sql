-- issue 16: a visit booked in the salon's Telegram bot says so (source 'telegram'). SQLite cannot
-- widen a CHECK in place, so the table is rebuilt the documented way (new table, copy, drop,
-- rename; migrations run with foreign keys off, so booking_services and occupancy keep their rows).
-- The new table has every column of the old one as the migrations before this one left it.
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
  sequence          INTEGER NOT NULL DEFAULT 0,
  awaiting_payment_until INTEGER
);
INSERT INTO bookings_new (id, location_id, client_id, status, source, start_ts, end_ts, price_minor, paid_minor, currency, notes,
  manage_token_hash, idempotency_key, cancel_reason, created_by, created_at, updated_at, contact_name, contact_phone, contact_email,
  request_hash, sequence, awaiting_payment_until)
SELECT id, location_id, client_id, status, source, start_ts, end_ts, price_minor, paid_minor, currency, notes,
  manage_token_hash, idempotency_key, cancel_reason, created_by, created_at, updated_at, contact_name, contact_phone, contact_email,
  request_hash, sequence, awaiting_payment_until
FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
CREATE INDEX bookings_start ON bookings (start_ts);
CREATE INDEX bookings_client ON bookings (client_id);
-- the indexes earlier migrations added (0050 branches, 0060 payments) go with the old table: made again
CREATE INDEX bookings_location_start ON bookings (location_id, start_ts);
CREATE INDEX bookings_awaiting_payment ON bookings (awaiting_payment_until) WHERE awaiting_payment_until IS NOT NULL;
