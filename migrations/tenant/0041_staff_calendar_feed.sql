-- A master's calendar subscription (/<slug>/calendar/staff/<id>.ics?t=<token>): one live token per
-- master, kept only as its SHA-256, so the link is shown once when issued; deleting the row revokes it.
CREATE TABLE staff_calendar_feeds (
  staff_id    INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
