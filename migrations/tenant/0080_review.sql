-- issue 15: reviews collected here, not only imported. A review left through the link after a visit
-- waits for the owner (pending); imported ones were already public on YClients (published).
-- One review per visit: a second POST with the same link is refused by this unique index.
ALTER TABLE reviews ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('pending', 'published', 'hidden'));
ALTER TABLE reviews ADD COLUMN source TEXT NOT NULL DEFAULT 'import' CHECK (source IN ('web', 'import'));
ALTER TABLE reviews ADD COLUMN reply TEXT;
ALTER TABLE reviews ADD COLUMN replied_at INTEGER;
CREATE UNIQUE INDEX reviews_one_per_visit ON reviews (booking_id) WHERE source = 'web';
CREATE INDEX reviews_status ON reviews (status, created_at);
-- how long after a completed visit the review request goes out
ALTER TABLE business ADD COLUMN review_request_delay_minutes INTEGER NOT NULL DEFAULT 120 CHECK (review_request_delay_minutes BETWEEN 0 AND 10080);
