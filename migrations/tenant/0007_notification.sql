-- Transactional outbox: written in the same transaction as the booking change, drained by a job.
-- dedupe_key is unique so a notification can never be queued twice; lease_* lets one sender own a
-- row for a while so two instances never send the same row.
CREATE TABLE notifications (
  id                  INTEGER PRIMARY KEY,
  booking_id          INTEGER REFERENCES bookings (id) ON DELETE CASCADE,
  client_id           INTEGER REFERENCES clients (id),
  event               TEXT NOT NULL,
  channel             TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'telegram')),
  due_at              INTEGER NOT NULL,
  status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'void')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  lease_owner         TEXT,
  lease_until         INTEGER,
  dedupe_key          TEXT NOT NULL UNIQUE,
  provider_message_id TEXT,
  last_error          TEXT,
  sent_at             INTEGER,
  created_at          INTEGER NOT NULL
);
CREATE INDEX notifications_due ON notifications (status, due_at);
CREATE INDEX notifications_booking ON notifications (booking_id);
