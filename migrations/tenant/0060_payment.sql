-- issue 13: money of a visit. Every payment and refund is a row of an append-only ledger (amounts
-- never change; only an online row's provider state moves created → pending → succeeded|canceled).
-- What a booking has paid is the sum of its succeeded payments minus its succeeded refunds, plus
-- bookings.paid_minor, which holds only what was paid before Zapis (the YClients import).
CREATE TABLE payments (
  id               INTEGER PRIMARY KEY,
  booking_id       INTEGER NOT NULL REFERENCES bookings (id),
  kind             TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
  method           TEXT NOT NULL CHECK (method IN ('cash', 'card', 'online', 'wallet', 'package', 'certificate')),
  amount_minor     INTEGER NOT NULL CHECK (amount_minor > 0),
  currency         TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('created', 'pending', 'succeeded', 'canceled')),
  -- a refund names the payment it returns
  refund_of        INTEGER REFERENCES payments (id),
  -- online rows: the key every POST to the provider carries, stored BEFORE the call, so a retry
  -- after a crash creates nothing twice; the provider's id and the page the client pays on
  idempotence_key  TEXT UNIQUE,
  provider_id      TEXT UNIQUE,
  confirmation_url TEXT,
  -- the deposit a booking owes before it is confirmed (one per booking)
  is_prepayment    INTEGER NOT NULL DEFAULT 0,
  created_by       INTEGER REFERENCES users (id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX payments_booking ON payments (booking_id);
CREATE INDEX payments_created ON payments (created_at);
CREATE UNIQUE INDEX payments_one_prepayment ON payments (booking_id) WHERE is_prepayment = 1;

-- A booking that owes a prepayment holds its slot until this instant (status stays 'pending' in the
-- row: the bookings CHECK cannot be widened without rebuilding the table, which sqld refuses; the
-- API shows such a booking as 'awaiting_payment'). NULL once paid or for bookings that owe nothing.
ALTER TABLE bookings ADD COLUMN awaiting_payment_until INTEGER;
CREATE INDEX bookings_awaiting_payment ON bookings (awaiting_payment_until) WHERE awaiting_payment_until IS NOT NULL;

-- The salon's YooKassa shop and policy (one row). The secret's column name ends in _secret so the
-- tenant export leaves it out (src/tenant/export.ts).
CREATE TABLE payment_settings (
  id                         INTEGER PRIMARY KEY CHECK (id = 1),
  shop_id                    TEXT,
  yookassa_secret            TEXT,
  receipts                   INTEGER NOT NULL DEFAULT 0,
  vat_code                   INTEGER NOT NULL DEFAULT 1 CHECK (vat_code BETWEEN 1 AND 10),
  tax_system_code            INTEGER CHECK (tax_system_code BETWEEN 1 AND 6),
  prepayment_mode            TEXT NOT NULL DEFAULT 'none' CHECK (prepayment_mode IN ('none', 'percent', 'fixed', 'full')),
  prepayment_value           INTEGER NOT NULL DEFAULT 0 CHECK (prepayment_value >= 0),
  prepayment_applies_to      TEXT NOT NULL DEFAULT 'all' CHECK (prepayment_applies_to IN ('all', 'new_clients', 'no_show_clients')),
  payment_window_minutes     INTEGER NOT NULL DEFAULT 15 CHECK (payment_window_minutes BETWEEN 5 AND 1440),
  late_cancel_keeps_deposit  INTEGER NOT NULL DEFAULT 1
);
INSERT INTO payment_settings (id) VALUES (1);

-- A service's own prepayment, over the salon's (NULL: the salon's policy).
ALTER TABLE services ADD COLUMN prepayment_mode TEXT CHECK (prepayment_mode IN ('none', 'percent', 'fixed', 'full'));
ALTER TABLE services ADD COLUMN prepayment_value INTEGER NOT NULL DEFAULT 0 CHECK (prepayment_value >= 0);
