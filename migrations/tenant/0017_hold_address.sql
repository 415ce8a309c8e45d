-- Who placed a hold (a hash of the client's address): an address keeps only a few live holds per
-- salon, so a script cannot hold a master's whole day.
ALTER TABLE holds ADD COLUMN address_hash TEXT;
CREATE INDEX holds_address ON holds (address_hash, expires_at);
