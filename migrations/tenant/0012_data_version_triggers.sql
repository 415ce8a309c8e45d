-- Live occupancy and holds change what the public pages and the availability cache show, and the
-- booking flow writes them from several places (book, cancel, reschedule, hold, expiry sweep): the
-- database bumps business.data_version itself, so no writer can forget. Catalogue and settings
-- writes bump it explicitly (src/business/data-version.ts).
CREATE TRIGGER occupancy_insert_bumps_version AFTER INSERT ON occupancy BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER occupancy_update_bumps_version AFTER UPDATE ON occupancy BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER occupancy_delete_bumps_version AFTER DELETE ON occupancy BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER hold_occupancy_insert_bumps_version AFTER INSERT ON hold_occupancy BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER hold_occupancy_update_bumps_version AFTER UPDATE ON hold_occupancy BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER hold_occupancy_delete_bumps_version AFTER DELETE ON hold_occupancy BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER holds_update_bumps_version AFTER UPDATE ON holds BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
CREATE TRIGGER holds_delete_bumps_version AFTER DELETE ON holds BEGIN UPDATE business SET data_version = data_version + 1 WHERE id = 1; END;
