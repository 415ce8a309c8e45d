-- The salon's clients. phone is E.164 (normalized with libphonenumber-js); not unique, because
-- imports bring real duplicates that the salon merges by hand.
CREATE TABLE clients (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL,
  phone             TEXT,
  email             TEXT,
  notes             TEXT,
  tags              TEXT NOT NULL DEFAULT '[]',
  consent_at        INTEGER,
  preferred_channel TEXT CHECK (preferred_channel IN ('telegram', 'sms', 'email')),
  telegram_chat_id  TEXT,
  opt_out           TEXT NOT NULL DEFAULT '[]',
  anonymized_at     INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX clients_phone ON clients (phone);
CREATE INDEX clients_name ON clients (name COLLATE NOCASE);
