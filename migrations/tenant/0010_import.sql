-- Where imported rows came from: each external record (source 'yclients', entity 'client', its id
-- there) maps to ONE local row, so running an import again updates instead of duplicating.
-- fingerprint: a hash of the values the import last wrote; an unchanged source row is skipped, and a
-- row the salon edited here is only overwritten when the source itself changed.
-- group_key: what links several imported rows (the YClients visit_id of a booking).
CREATE TABLE import_links (
  source      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  external_id TEXT NOT NULL,
  local_id    INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  group_key   TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (source, entity, external_id)
);
CREATE INDEX import_links_local ON import_links (entity, local_id);
CREATE INDEX import_links_group ON import_links (source, group_key) WHERE group_key IS NOT NULL;

-- Live sync while a salon switches: the webhook URL a source posts to carries a secret token; only
-- its SHA-256 is kept. One row per source; issuing a new token replaces the old one.
CREATE TABLE import_webhooks (
  source       TEXT PRIMARY KEY,
  external_id  TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  reminders    INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);

-- What clients said about a visit or a master (imported from YClients for now).
CREATE TABLE reviews (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER REFERENCES resources (id) ON DELETE SET NULL,
  booking_id  INTEGER REFERENCES bookings (id) ON DELETE SET NULL,
  author_name TEXT,
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  text        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE INDEX reviews_staff ON reviews (staff_id, created_at);
