-- issue 14: what a client holds at the salon — packages of visits, a wallet, gift certificates — and
-- promo codes. Every balance is an append-only ledger whose sum is the balance: nothing here is a
-- counter that an UPDATE could make drift, and a visit's spend and its return are rows naming the
-- booking, so the unique indexes below make "returned exactly once" a property of the database.

-- The salon's package products ("5 haircuts for the price of 4").
CREATE TABLE packages (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  service_ids  TEXT NOT NULL DEFAULT '[]',
  visits       INTEGER NOT NULL CHECK (visits BETWEEN 1 AND 1000),
  price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
  valid_days   INTEGER NOT NULL CHECK (valid_days BETWEEN 1 AND 3660),
  created_at   INTEGER NOT NULL
);

-- A package sold to a client: a copy of the product's terms at the time of sale (a later edit of the
-- product must not change what the client bought).
CREATE TABLE client_packages (
  id            INTEGER PRIMARY KEY,
  client_id     INTEGER NOT NULL REFERENCES clients (id),
  package_id    INTEGER NOT NULL REFERENCES packages (id),
  title         TEXT NOT NULL,
  service_ids   TEXT NOT NULL,
  visits_total  INTEGER NOT NULL CHECK (visits_total > 0),
  price_minor   INTEGER NOT NULL CHECK (price_minor >= 0),
  method        TEXT NOT NULL CHECK (method IN ('cash', 'card', 'online', 'wallet')),
  sold_at       INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  sold_by       TEXT NOT NULL
);
CREATE INDEX client_packages_client ON client_packages (client_id);

-- Uses (+1) and returns (−1) of package visits; visits left = visits_total − sum(delta).
CREATE TABLE package_uses (
  id                 INTEGER PRIMARY KEY,
  client_package_id  INTEGER NOT NULL REFERENCES client_packages (id),
  booking_id         INTEGER NOT NULL REFERENCES bookings (id),
  delta              INTEGER NOT NULL CHECK (delta IN (1, -1)),
  created_at         INTEGER NOT NULL
);
CREATE INDEX package_uses_package ON package_uses (client_package_id);
-- a visit uses at most one package visit, and gets it back at most once
CREATE UNIQUE INDEX package_uses_once ON package_uses (booking_id, delta);

-- The client's wallet: signed amounts (+ into the wallet, − out of it); the balance is their sum.
CREATE TABLE wallet_transactions (
  id            INTEGER PRIMARY KEY,
  client_id     INTEGER NOT NULL REFERENCES clients (id),
  type          TEXT NOT NULL CHECK (type IN ('deposit', 'withdraw', 'payment', 'refund', 'correction')),
  amount_minor  INTEGER NOT NULL CHECK (amount_minor <> 0),
  booking_id    INTEGER REFERENCES bookings (id),
  payment_id    INTEGER,
  method        TEXT CHECK (method IN ('cash', 'card', 'online')),
  note          TEXT,
  actor         TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX wallet_transactions_client ON wallet_transactions (client_id, id);
CREATE UNIQUE INDEX wallet_visit_once ON wallet_transactions (booking_id, type) WHERE booking_id IS NOT NULL AND type IN ('payment', 'refund');

-- Gift certificates. The code is a bearer secret shown once: only its SHA-256 is kept, plus the last
-- characters so staff can tell certificates apart.
CREATE TABLE certificates (
  id            INTEGER PRIMARY KEY,
  code_hash     TEXT NOT NULL UNIQUE,
  code_tail     TEXT NOT NULL,
  amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
  expires_at    INTEGER NOT NULL,
  buyer_id      INTEGER REFERENCES clients (id),
  method        TEXT NOT NULL CHECK (method IN ('cash', 'card', 'online', 'wallet')),
  note          TEXT,
  sold_by       TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

-- What visits drew from a certificate (−) and what cancellations gave back (+); the balance is the
-- amount plus their sum.
CREATE TABLE certificate_transactions (
  id              INTEGER PRIMARY KEY,
  certificate_id  INTEGER NOT NULL REFERENCES certificates (id),
  type            TEXT NOT NULL CHECK (type IN ('redeem', 'refund')),
  amount_minor    INTEGER NOT NULL CHECK (amount_minor <> 0),
  booking_id      INTEGER NOT NULL REFERENCES bookings (id),
  created_at      INTEGER NOT NULL
);
CREATE INDEX certificate_transactions_certificate ON certificate_transactions (certificate_id);
CREATE UNIQUE INDEX certificate_visit_once ON certificate_transactions (booking_id, type);

-- Promo codes: the salon chooses and advertises them, so the code is kept as typed (upper case).
CREATE TABLE promo_codes (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  percent       INTEGER CHECK (percent BETWEEN 1 AND 100),
  amount_minor  INTEGER CHECK (amount_minor > 0),
  valid_from    INTEGER,
  valid_to      INTEGER,
  max_uses      INTEGER CHECK (max_uses > 0),
  service_ids   TEXT,
  created_at    INTEGER NOT NULL,
  CHECK ((percent IS NULL) <> (amount_minor IS NULL))
);

-- A visit that used a promo code; a cancelled visit's use no longer counts towards max_uses.
CREATE TABLE promo_uses (
  id          INTEGER PRIMARY KEY,
  promo_id    INTEGER NOT NULL REFERENCES promo_codes (id),
  booking_id  INTEGER NOT NULL UNIQUE REFERENCES bookings (id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX promo_uses_promo ON promo_uses (promo_id);

-- How a visit was priced, line by line in the order the pricing function applied them, so the page,
-- the e-mails and the admin show the same figures the booking was charged with.
CREATE TABLE booking_price_lines (
  booking_id    INTEGER NOT NULL REFERENCES bookings (id),
  position      INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('package', 'personal', 'promo', 'certificate', 'wallet')),
  amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
  PRIMARY KEY (booking_id, position)
);
