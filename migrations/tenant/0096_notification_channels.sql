-- issue 16: the outbox also sends over WhatsApp and Web Push. SQLite cannot change a CHECK in
-- place, so the table is rebuilt with the same columns, rows and indexes (nothing references it).
CREATE TABLE notifications_new (
  id                  INTEGER PRIMARY KEY,
  booking_id          INTEGER REFERENCES bookings (id) ON DELETE CASCADE,
  client_id           INTEGER REFERENCES clients (id),
  event               TEXT NOT NULL,
  channel             TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'telegram', 'whatsapp', 'push')),
  due_at              INTEGER NOT NULL,
  status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'void')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  lease_owner         TEXT,
  lease_until         INTEGER,
  dedupe_key          TEXT NOT NULL UNIQUE,
  provider_message_id TEXT,
  last_error          TEXT,
  sent_at             INTEGER,
  created_at          INTEGER NOT NULL,
  send_started_at     INTEGER,
  payload             TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO notifications_new (id, booking_id, client_id, event, channel, due_at, status, attempts, lease_owner, lease_until,
                               dedupe_key, provider_message_id, last_error, sent_at, created_at, send_started_at, payload)
  SELECT id, booking_id, client_id, event, channel, due_at, status, attempts, lease_owner, lease_until,
         dedupe_key, provider_message_id, last_error, sent_at, created_at, send_started_at, payload
  FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_due ON notifications (status, due_at);
CREATE INDEX notifications_booking ON notifications (booking_id);
