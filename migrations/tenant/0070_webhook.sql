-- Outgoing webhooks (issue 18): the salon's endpoints and the outbox of deliveries to them.
-- The secret signs each body (HMAC-SHA256); it is shown once when the endpoint is added and never
-- read back by any page, export or log.
CREATE TABLE webhooks (
  id          INTEGER PRIMARY KEY,
  url         TEXT NOT NULL,     -- rebuilt from parsed parts: https://host[:port]/path
  events      TEXT NOT NULL,     -- JSON array of event types
  signing_secret TEXT NOT NULL,  -- "_secret": the tenant export leaves it out (src/tenant/export.ts)
  created_at  INTEGER NOT NULL
);

-- One row per event and endpoint, written inside the transaction of the change it reports, so an
-- event exists exactly when its change does. The body is frozen at that moment: a retry sends the
-- same bytes with the same signature.
CREATE TABLE webhook_deliveries (
  id             INTEGER PRIMARY KEY,
  webhook_id     INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_id       TEXT NOT NULL,
  type           TEXT NOT NULL,
  body           TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'pending',  -- pending | sending | delivered | failed
  attempts       INTEGER NOT NULL DEFAULT 0,
  due_at         INTEGER NOT NULL,
  lease_owner    TEXT,
  lease_until    INTEGER,
  last_status    INTEGER,           -- the endpoint's last HTTP status (null: no answer)
  last_response  TEXT,              -- its first 500 characters, or why there was no answer
  created_at     INTEGER NOT NULL,
  delivered_at   INTEGER,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, due_at);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id);
