-- Several instances (on several hosts) share one registry on a libSQL server (issue 19).
-- incarnation: a new random id whenever a salon's database is created, replaced or restored; an
-- instance that finds another id than the one it opened retires its connection (and the page cache
-- that hangs on it), so nobody serves a deleted or replaced database.
ALTER TABLE tenants ADD COLUMN incarnation TEXT NOT NULL DEFAULT '';
UPDATE tenants SET incarnation = lower(hex(randomblob(16)));
-- db_namespace: the sqld namespace zapis created for the salon (ZAPIS_TENANT_ADMIN_URL), dropped
-- with it by `tenant delete` after the final backup; null when the operator made the database.
ALTER TABLE tenants ADD COLUMN db_namespace TEXT;
-- One number every instance polls (one cheap read a second) instead of re-reading every open
-- salon's row: any change to the tenants table moves it, by trigger, so no writer can forget.
CREATE TABLE registry_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO registry_generation (id, value) VALUES (1, 0);
CREATE TRIGGER tenants_insert_moves_generation AFTER INSERT ON tenants BEGIN UPDATE registry_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER tenants_update_moves_generation AFTER UPDATE ON tenants BEGIN UPDATE registry_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER tenants_delete_moves_generation AFTER DELETE ON tenants BEGIN UPDATE registry_generation SET value = value + 1 WHERE id = 1; END;
