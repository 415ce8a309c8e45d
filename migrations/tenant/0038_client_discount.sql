-- A client's standing discount (the clients API, DESIGN §5: discount_percent), whole percent 0–100.
ALTER TABLE clients ADD COLUMN discount_percent INTEGER NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100);
