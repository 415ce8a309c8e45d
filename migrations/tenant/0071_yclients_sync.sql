-- issue 18: the scheduled YClients sync while a salon switches (the `yclients-sync` job). One row
-- when the operator asked to keep syncing (`zapis import yclients … --keep-syncing`). The tokens
-- are the salon's YClients credentials: their "_token" names keep them out of the tenant export.
-- cursor_at: the changed_after of the next run (the start of the last good one).
CREATE TABLE yclients_sync (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  company_id        TEXT NOT NULL,
  base_url          TEXT NOT NULL,
  partner_token     TEXT NOT NULL,
  user_token        TEXT NOT NULL,
  interval_minutes  INTEGER NOT NULL DEFAULT 30,
  cursor_at         INTEGER,
  last_run_at       INTEGER,
  last_result       TEXT,
  created_at        INTEGER NOT NULL
);
