-- issue 20: what only staff change (profile, locations, services, masters, rooms, hours, time off)
-- is cached per catalogue version, which bookings and holds must not move: data_version moves with
-- every booking, so a cache keyed on it would die with each one. occupancy_version counts the bumps
-- the occupancy and hold triggers give data_version, and the catalogue version is the rest:
-- data_version - occupancy_version. bumpDataVersion (src/business/data-version.ts) stays the one
-- door for catalogue writes, and any other bump of data_version (a restore, a test) moves the
-- catalogue version too.
ALTER TABLE business ADD COLUMN occupancy_version INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER occupancy_insert_bumps_version;
DROP TRIGGER occupancy_update_bumps_version;
DROP TRIGGER occupancy_delete_bumps_version;
DROP TRIGGER hold_occupancy_insert_bumps_version;
DROP TRIGGER hold_occupancy_update_bumps_version;
DROP TRIGGER hold_occupancy_delete_bumps_version;
DROP TRIGGER holds_update_bumps_version;
DROP TRIGGER holds_delete_bumps_version;
CREATE TRIGGER occupancy_insert_bumps_version AFTER INSERT ON occupancy BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
CREATE TRIGGER occupancy_update_bumps_version AFTER UPDATE ON occupancy BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
CREATE TRIGGER occupancy_delete_bumps_version AFTER DELETE ON occupancy BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
CREATE TRIGGER hold_occupancy_insert_bumps_version AFTER INSERT ON hold_occupancy BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
CREATE TRIGGER hold_occupancy_update_bumps_version AFTER UPDATE ON hold_occupancy BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
CREATE TRIGGER hold_occupancy_delete_bumps_version AFTER DELETE ON hold_occupancy BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
CREATE TRIGGER holds_update_bumps_version AFTER UPDATE ON holds BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
CREATE TRIGGER holds_delete_bumps_version AFTER DELETE ON holds BEGIN UPDATE business SET data_version = data_version + 1, occupancy_version = occupancy_version + 1 WHERE id = 1; END;
