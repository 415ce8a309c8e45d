-- Who changed which booking, schedule or setting, and when.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  user_id   INTEGER REFERENCES users (id),
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  details   TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
