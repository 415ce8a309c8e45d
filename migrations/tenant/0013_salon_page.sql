-- What the salon's public booking page shows beyond the business profile: an intro text, which
-- languages it offers, and the logo the owner uploaded (the file itself lives in the tenant's data
-- folder, tenants/<slug>/logo.<ext>; only its name and type are kept here). One row.
CREATE TABLE salon_page (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  intro      TEXT,
  languages  TEXT NOT NULL DEFAULT '["ru","en","kk"]',
  logo_file  TEXT,
  logo_type  TEXT,
  updated_at INTEGER NOT NULL
);
