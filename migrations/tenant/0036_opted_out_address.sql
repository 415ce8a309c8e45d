-- An opt-out link acts for the address its message went to. A booking made with someone else's
-- phone sends its messages to the booker's e-mail (bookings.contact_email); the booker's link must
-- silence that address only, never the stored client, so such opt-outs are kept per address here.
CREATE TABLE opted_out_addresses (
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (channel, address)
);
