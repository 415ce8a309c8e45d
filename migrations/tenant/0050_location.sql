-- Branches (issue 17): a salon may have several locations, each with its own zone, hours, holidays
-- (schedules and exceptions already carry location_id), rooms and masters.
ALTER TABLE locations ADD COLUMN phone TEXT;
-- an http(s) link to the branch on a map; shown as a link, never fetched by the server
ALTER TABLE locations ADD COLUMN map_url TEXT;
ALTER TABLE locations ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE locations ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;

-- A room or equipment stands in one branch (masters travel: staff_locations). NULL only on staff.
ALTER TABLE resources ADD COLUMN location_id INTEGER REFERENCES locations (id);
UPDATE resources SET location_id = (SELECT id FROM locations WHERE is_primary = 1) WHERE kind <> 'staff';

-- The branches a master works in; their weekly hours there are schedules rows of that location.
CREATE TABLE staff_locations (
  staff_id    INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  PRIMARY KEY (staff_id, location_id)
);
CREATE INDEX staff_locations_location ON staff_locations (location_id);
INSERT INTO staff_locations (staff_id, location_id)
  SELECT r.id, l.id FROM resources r, locations l WHERE r.kind = 'staff' AND l.is_primary = 1;

-- Every writer of resources (admin, API, import, demo, fixtures) gets the same default: a new
-- master works in, and a new room stands in, the primary location until told otherwise.
-- (one line each: the migration runner splits statements at a ";" ending a line)
CREATE TRIGGER resources_staff_default_location AFTER INSERT ON resources WHEN NEW.kind = 'staff' BEGIN INSERT INTO staff_locations (staff_id, location_id) SELECT NEW.id, id FROM locations WHERE is_primary = 1; END;
CREATE TRIGGER resources_room_default_location AFTER INSERT ON resources WHEN NEW.kind <> 'staff' AND NEW.location_id IS NULL BEGIN UPDATE resources SET location_id = (SELECT id FROM locations WHERE is_primary = 1) WHERE id = NEW.id; END;
-- which master works where changes what the public pages offer
CREATE TRIGGER staff_locations_insert_bumps_version AFTER INSERT ON staff_locations BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER staff_locations_delete_bumps_version AFTER DELETE ON staff_locations BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;

-- A user limited to some branches sees and books only those; no rows = every branch.
CREATE TABLE user_locations (
  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  location_id INTEGER NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, location_id)
);

CREATE INDEX bookings_location_start ON bookings (location_id, start_ts);

-- DESIGN §5: a primary location is open Mon–Sat 10:00–20:00 until changed. Salons created before
-- that default, whose primary location has no opening hours at all, get it now (nothing could be
-- booked there otherwise, and nothing said why).
INSERT INTO schedules (location_id, resource_id, weekday, start_minutes, end_minutes)
  SELECT l.id, NULL, w.value, 600, 1200
  FROM locations l, json_each('[1,2,3,4,5,6]') w
  WHERE l.is_primary = 1
    AND NOT EXISTS (SELECT 1 FROM schedules s WHERE s.location_id = l.id AND s.resource_id IS NULL);
