-- issue 20: the availability read (src/availability/load.ts) takes every column of a window's
-- occupancy rows; with only (resource_id, start_ts, end_ts) in the index SQLite found each row in the
-- table too. The same index with the other columns the read takes answers it from the index alone:
-- reading the 2,500 rows of bench/availability.ts 1.17 → 0.76 ms. The conflict checks that used the
-- old index use its leading columns as before; a write still maintains one index of occupancy's time.
DROP INDEX occupancy_resource_time;
CREATE INDEX occupancy_resource_time ON occupancy (resource_id, start_ts, end_ts, booking_id, service_id, session_ts);
