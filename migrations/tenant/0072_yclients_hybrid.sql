-- issue 18: "book in YClients" while a salon moves service by service. The salon's YClients online
-- booking form (the n<form_id>.yclients.com widget of company <company_id>), and the services whose
-- clients are sent there, with the service and master chosen here carried over by their YClients ids.
CREATE TABLE yclients_hybrid (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  form_id     TEXT NOT NULL,
  company_id  TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE yclients_hybrid_services (
  service_id  INTEGER PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE
);
