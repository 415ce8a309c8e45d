-- The registry of salons served by this data folder. A tenant's own data lives in its own database:
-- tenants/<slug>/tenant.db, or the remote libSQL URL in db_url.
CREATE TABLE tenants (
  slug       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  db_url     TEXT,
  db_token   TEXT,
  created_at INTEGER NOT NULL
);
