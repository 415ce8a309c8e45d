-- issue 16: Web Push. A client's browsers that asked for reminders: one row per push service
-- endpoint (itself a secret capability URL). The salon's VAPID keys are derived, not stored
-- (src/push/vapid.ts).
CREATE TABLE push_subscriptions (
  id          INTEGER PRIMARY KEY,
  client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  endpoint    TEXT NOT NULL UNIQUE,
  p256dh      TEXT NOT NULL,
  auth_secret TEXT NOT NULL, -- RFC 8291's auth secret: left out of exports like every *_secret
  created_at  INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_client ON push_subscriptions (client_id);
