-- The iCalendar SEQUENCE of a visit (RFC 5545 §3.8.7.4): bumped by every change a client's or a
-- master's calendar must take over an older copy of the event (a new time, a cancellation).
ALTER TABLE bookings ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
