-- How a salon reaches its clients: its own SMTP (else the global SMTP_URL), SMS.ru, a Telegram bot,
-- quiet hours for SMS, and the secret that signs opt-out and Telegram deep links. One row.
CREATE TABLE notification_settings (
  id                      INTEGER PRIMARY KEY CHECK (id = 1),
  smtp_url                TEXT,
  smtp_from               TEXT,
  smsru_api_id            TEXT,
  sms_sender              TEXT,
  telegram_bot_token      TEXT,
  telegram_bot_username   TEXT,
  telegram_webhook_secret TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  -- wall-clock minutes in the salon's zone: no SMS from quiet_start until quiet_end (wraps midnight)
  quiet_start_minutes     INTEGER NOT NULL DEFAULT 1260 CHECK (quiet_start_minutes BETWEEN 0 AND 1439),
  quiet_end_minutes       INTEGER NOT NULL DEFAULT 540 CHECK (quiet_end_minutes BETWEEN 0 AND 1439),
  link_secret             TEXT NOT NULL DEFAULT (lower(hex(randomblob(32)))),
  -- the last thing a provider told us that the salon must act on (bad api_id, low balance…), as JSON
  -- {channel: {key, params, at}}, shown in the admin
  channel_alerts          TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO notification_settings (id) VALUES (1);

-- The salon's own wording; absent rows fall back to the built-in defaults per language.
CREATE TABLE notification_templates (
  event      TEXT NOT NULL,
  channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'telegram')),
  locale     TEXT NOT NULL CHECK (locale IN ('ru', 'en', 'kk')),
  subject    TEXT,
  body       TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (event, channel, locale)
);

-- send_started_at: written just before the provider is called. A row whose lease expired with it
-- set may have reached the client, so it is never sent again (see src/notification/delivery.ts).
-- payload: what only the writer knew (the booking's manage link), as JSON.
ALTER TABLE notifications ADD COLUMN send_started_at INTEGER;
ALTER TABLE notifications ADD COLUMN payload TEXT NOT NULL DEFAULT '{}';
