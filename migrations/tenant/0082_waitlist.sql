-- issue 15: the waitlist. A client asks for a service (a master or any) within local dates and,
-- optionally, a time of day (minutes of the salon's day). When a matching time is free, an offer
-- with a claim link (token kept hashed) goes to each waiter in order; the first to claim books it.
CREATE TABLE waitlist (
  id            INTEGER PRIMARY KEY,
  service_id    INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  staff_id      INTEGER REFERENCES resources (id) ON DELETE CASCADE,
  date_from     TEXT NOT NULL,
  date_to       TEXT NOT NULL,
  time_from     INTEGER CHECK (time_from BETWEEN 0 AND 1440),
  time_to       INTEGER CHECK (time_to BETWEEN 0 AND 1440),
  contact_name  TEXT NOT NULL,
  contact_phone TEXT NOT NULL,
  contact_email TEXT,
  consent       INTEGER NOT NULL DEFAULT 0,
  status        TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'cancelled')),
  booking_id    INTEGER REFERENCES bookings (id) ON DELETE SET NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX waitlist_status ON waitlist (status, created_at);

CREATE TABLE waitlist_offers (
  id          INTEGER PRIMARY KEY,
  waitlist_id INTEGER NOT NULL REFERENCES waitlist (id) ON DELETE CASCADE,
  start_ts    INTEGER NOT NULL,
  staff_id    INTEGER,
  token_hash  TEXT NOT NULL UNIQUE,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'gone', 'expired')),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  claimed_at  INTEGER
);
CREATE INDEX waitlist_offers_open ON waitlist_offers (status, start_ts);
CREATE INDEX waitlist_offers_request ON waitlist_offers (waitlist_id);
