-- issue 16: the salon's bot as Telegram describes it (getMe, no secret in it), where its webhook was
-- last registered (null: not registered, or long polling), the long-polling lease and offset, and
-- what each chat has chosen so far in the booking dialogue.
ALTER TABLE notification_settings ADD COLUMN telegram_bot_info TEXT;
ALTER TABLE notification_settings ADD COLUMN telegram_webhook_url TEXT;

-- One poller per salon across all instances: the instance whose lease is live polls.
CREATE TABLE telegram_poll (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  owner       TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0,
  next_offset INTEGER NOT NULL DEFAULT 0
);
INSERT INTO telegram_poll (id) VALUES (1);

-- The dialogue's memory between messages: the chosen visit while the bot waits for the contact.
CREATE TABLE telegram_chats (
  chat_id    TEXT PRIMARY KEY,
  pending    TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL
);
