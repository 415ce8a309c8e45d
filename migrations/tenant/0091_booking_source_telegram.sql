-- issue 16: a visit booked in the salon's Telegram bot says so. The source CHECK cannot be widened
-- without rebuilding bookings, which would drop the columns other migrations add to it and which a
-- libSQL server refuses; so the booking keeps source 'web' (the public path it takes) and names the
-- channel here. Reads show coalesce(booked_via, source) (src/booking/schema.ts shownSource).
ALTER TABLE bookings ADD COLUMN booked_via TEXT;
