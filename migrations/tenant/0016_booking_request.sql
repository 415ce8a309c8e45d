-- What the booker sent stays on the booking: an anonymous booker's name, phone and e-mail never
-- rewrite the salon's client record (anyone can type anyone's phone), and messages about this
-- booking use them. request_hash: the request an Idempotency-Key was first used with, so the same
-- key with another body is refused instead of answering with the first booking.
ALTER TABLE bookings ADD COLUMN contact_name TEXT;
ALTER TABLE bookings ADD COLUMN contact_phone TEXT;
ALTER TABLE bookings ADD COLUMN contact_email TEXT;
ALTER TABLE bookings ADD COLUMN request_hash TEXT;
