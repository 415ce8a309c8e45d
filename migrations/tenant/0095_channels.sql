-- issue 16: where the salon's booking pages may be framed (the widget on its own site) and its VK
-- Mini App. One row; origins are stored already parsed to "scheme://host[:port]" (src/embed/origins.ts),
-- the VK app's secret key only to check launch signatures (write-only: never shown or exported).
CREATE TABLE salon_channels (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  embed_origins  TEXT NOT NULL DEFAULT '[]',
  vk_app_id      TEXT,
  vk_app_secret  TEXT
);
INSERT INTO salon_channels (id) VALUES (1);

-- The WhatsApp Cloud API account of the salon: its sender phone number id, access token
-- (write-only) and the approved message templates it sends confirmations and reminders with.
ALTER TABLE notification_settings ADD COLUMN whatsapp_phone_number_id TEXT;
ALTER TABLE notification_settings ADD COLUMN whatsapp_token TEXT;
ALTER TABLE notification_settings ADD COLUMN whatsapp_confirmation_template TEXT;
ALTER TABLE notification_settings ADD COLUMN whatsapp_reminder_template TEXT;
ALTER TABLE notification_settings ADD COLUMN whatsapp_language TEXT;
