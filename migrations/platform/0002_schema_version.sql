-- The last tenant migration applied to each tenant, so `serve` can tell which tenants are behind
-- without opening all of them (opening a thousand databases at boot costs hundreds of MB).
ALTER TABLE tenants ADD COLUMN schema_version TEXT;
