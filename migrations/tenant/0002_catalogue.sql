CREATE TABLE service_categories (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);

-- A service (услуга) the salon sells. Money in minor units of business.currency; price_max_minor set
-- means a range ("от 1 500 ₽").
CREATE TABLE services (
  id                    INTEGER PRIMARY KEY,
  category_id           INTEGER REFERENCES service_categories (id) ON DELETE SET NULL,
  title                 TEXT NOT NULL,
  description           TEXT,
  duration_minutes      INTEGER NOT NULL CHECK (duration_minutes > 0),
  price_minor           INTEGER NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
  price_max_minor       INTEGER CHECK (price_max_minor IS NULL OR price_max_minor >= price_minor),
  buffer_before_minutes INTEGER NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
  buffer_after_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
  capacity              INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 1),
  bookable_online       INTEGER NOT NULL DEFAULT 1,
  active                INTEGER NOT NULL DEFAULT 1,
  sort_order            INTEGER NOT NULL DEFAULT 0,
  color                 TEXT,
  created_at            INTEGER NOT NULL
);

-- Everything a booking can occupy: masters (kind 'staff') and rooms, equipment, other. One table so
-- that schedules, exceptions and occupancy treat them alike; staff-only columns stay NULL otherwise.
CREATE TABLE resources (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('staff', 'room', 'equipment', 'other')),
  name       TEXT NOT NULL,
  phone      TEXT,
  position   TEXT,
  photo      TEXT,
  bio        TEXT,
  active     INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX resources_kind ON resources (kind, active, sort_order);

-- Which masters perform which service.
CREATE TABLE staff_services (
  staff_id   INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, service_id)
);
CREATE INDEX staff_services_service ON staff_services (service_id);

-- A service may also need one resource out of each of its requirement sets (one of two chairs;
-- one X-ray room).
CREATE TABLE service_requirements (
  id         INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE
);
CREATE TABLE requirement_resources (
  requirement_id INTEGER NOT NULL REFERENCES service_requirements (id) ON DELETE CASCADE,
  resource_id    INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  PRIMARY KEY (requirement_id, resource_id)
);
