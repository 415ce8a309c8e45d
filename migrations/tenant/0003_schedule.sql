-- Weekly hours in the location's zone. resource_id NULL = the location's own opening hours. Several
-- rows for one weekday are several ranges (a gap is a break). valid_from/valid_to are local dates
-- (inclusive) so next month's hours can be entered today.
CREATE TABLE schedules (
  id            INTEGER PRIMARY KEY,
  location_id   INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  resource_id   INTEGER REFERENCES resources (id) ON DELETE CASCADE,
  weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minutes INTEGER NOT NULL CHECK (start_minutes BETWEEN 0 AND 1440),
  end_minutes   INTEGER NOT NULL CHECK (end_minutes BETWEEN 0 AND 1440),
  valid_from    TEXT,
  valid_to      TEXT,
  CHECK (end_minutes > start_minutes)
);
CREATE INDEX schedules_resource ON schedules (resource_id, weekday);

-- One local date that differs from the weekly hours, for one resource or (resource_id NULL) the
-- whole location: 'closed' (all day, or start..end only) or 'open_custom' (these hours instead).
CREATE TABLE exceptions (
  id            INTEGER PRIMARY KEY,
  location_id   INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  resource_id   INTEGER REFERENCES resources (id) ON DELETE CASCADE,
  date          TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('closed', 'open_custom')),
  start_minutes INTEGER CHECK (start_minutes BETWEEN 0 AND 1440),
  end_minutes   INTEGER CHECK (end_minutes BETWEEN 0 AND 1440),
  note          TEXT,
  CHECK ((start_minutes IS NULL) = (end_minutes IS NULL)),
  CHECK (end_minutes IS NULL OR end_minutes > start_minutes)
);
CREATE INDEX exceptions_date ON exceptions (date);

-- Time off spanning days (vacation, sick leave), as instants.
CREATE TABLE time_off (
  id          INTEGER PRIMARY KEY,
  resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  start_ts    INTEGER NOT NULL,
  end_ts      INTEGER NOT NULL CHECK (end_ts > start_ts),
  reason      TEXT
);
CREATE INDEX time_off_resource ON time_off (resource_id, start_ts);
