-- One row: the salon's profile and booking policy (the PATCH / fields of the API).
CREATE TABLE business (
  id                       INTEGER PRIMARY KEY CHECK (id = 1),
  name                     TEXT NOT NULL,
  phone                    TEXT,
  email                    TEXT,
  locale                   TEXT NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en', 'kk')),
  currency                 TEXT NOT NULL DEFAULT 'RUB',
  country                  TEXT NOT NULL DEFAULT 'RU',
  slot_step_minutes        INTEGER NOT NULL DEFAULT 15 CHECK (slot_step_minutes BETWEEN 5 AND 240),
  min_notice_minutes       INTEGER NOT NULL DEFAULT 60 CHECK (min_notice_minutes >= 0),
  horizon_days             INTEGER NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 730),
  hold_minutes             INTEGER NOT NULL DEFAULT 5 CHECK (hold_minutes BETWEEN 1 AND 60),
  cancel_window_minutes    INTEGER NOT NULL DEFAULT 120 CHECK (cancel_window_minutes >= 0),
  auto_confirm             INTEGER NOT NULL DEFAULT 1,
  reminder_offsets_minutes TEXT NOT NULL DEFAULT '[1440,120]',
  consent_text             TEXT,
  accent_color             TEXT,
  -- bumped by every write that changes what public pages show; the page cache keys on it
  data_version             INTEGER NOT NULL DEFAULT 0,
  created_at               INTEGER NOT NULL
);

-- Where the salon works. Every tenant has at least one (created with the tenant); its IANA zone is
-- the zone of all local times (weekly hours, exceptions, pages).
CREATE TABLE locations (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  address    TEXT,
  timezone   TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX locations_one_primary ON locations (is_primary) WHERE is_primary = 1;
