-- Scheduled work that must run once per salon across every instance (backups, migrations, syncs):
-- an instance holds `name` (e.g. "backup:salon") until expires_at; a dead instance's lease expires
-- and another takes the work over. done: what the last holder finished (a backup's tick), so the
-- others know it is done without looking at a folder they may not share.
CREATE TABLE job_leases (
  name       TEXT PRIMARY KEY,
  owner      TEXT,
  expires_at INTEGER NOT NULL DEFAULT 0,
  done       TEXT
);
-- A salon got work for the notification senders (a booking through some instance): every
-- instance's sender reads the new rows each tick, so a tenant on a libSQL server is looked at
-- within seconds by every host, not only by the one that wrote. Old rows are pruned.
CREATE TABLE tenant_wakes (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL,
  at   INTEGER NOT NULL
);
