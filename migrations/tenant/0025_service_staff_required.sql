-- A service may need only its rooms/equipment and no master (a meeting room with a projector).
-- Every existing service keeps needing a master.
ALTER TABLE services ADD COLUMN staff_required INTEGER NOT NULL DEFAULT 1;
