-- A client's visit. Instants are UTC epoch ms; the local view comes from the location's zone.
CREATE TABLE bookings (
  id                INTEGER PRIMARY KEY,
  location_id       INTEGER NOT NULL REFERENCES locations (id),
  client_id         INTEGER REFERENCES clients (id),
  status            TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')),
  source            TEXT NOT NULL CHECK (source IN ('web', 'admin', 'api', 'import')),
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
  updated_at        INTEGER NOT NULL
);
CREATE INDEX bookings_start ON bookings (start_ts);
CREATE INDEX bookings_client ON bookings (client_id);

-- The services of a visit, back to back, each with its master.
CREATE TABLE booking_services (
  id          INTEGER PRIMARY KEY,
  booking_id  INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  service_id  INTEGER NOT NULL REFERENCES services (id),
  staff_id    INTEGER REFERENCES resources (id),
  start_ts    INTEGER NOT NULL,
  end_ts      INTEGER NOT NULL,
  price_minor INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX booking_services_booking ON booking_services (booking_id);

-- What each live booking occupies, buffers included: the rows the availability engine and the
-- conflict re-check read. Removed when a booking is cancelled, so only live occupancy is here.
CREATE TABLE occupancy (
  id          INTEGER PRIMARY KEY,
  booking_id  INTEGER NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
  resource_id INTEGER NOT NULL REFERENCES resources (id),
  service_id  INTEGER NOT NULL REFERENCES services (id),
  -- the service's own start, for group sessions (capacity > 1) sharing one start
  session_ts  INTEGER NOT NULL,
  start_ts    INTEGER NOT NULL,
  end_ts      INTEGER NOT NULL CHECK (end_ts > start_ts)
);
CREATE INDEX occupancy_resource_time ON occupancy (resource_id, start_ts, end_ts);
CREATE INDEX occupancy_booking ON occupancy (booking_id);

-- A time a client is filling in details for: others cannot take it until it expires.
CREATE TABLE holds (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  expires_at  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE hold_occupancy (
  hold_id     INTEGER NOT NULL REFERENCES holds (id) ON DELETE CASCADE,
  resource_id INTEGER NOT NULL REFERENCES resources (id),
  service_id  INTEGER NOT NULL REFERENCES services (id),
  session_ts  INTEGER NOT NULL,
  start_ts    INTEGER NOT NULL,
  end_ts      INTEGER NOT NULL
);
CREATE INDEX hold_occupancy_resource_time ON hold_occupancy (resource_id, start_ts, end_ts);
