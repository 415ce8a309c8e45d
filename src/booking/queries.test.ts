import { afterEach, beforeEach, expect, test } from "bun:test";
import type { InStatement } from "@libsql/client";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { getBooking } from "./queries.ts";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

// Every booking page, API answer and write reads a booking: none of its statements may walk a whole
// table, or each read grows with the salon's history (issue 20 found the wallet ledger scanned).
test("reading a booking searches indexes only: no statement scans a table", async () => {
  const created = await h.api("POST", "/api/v1/businesses/salon/bookings", { service_id: 1, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Вера", phone: "+79161234567" } });
  expect(created.status).toBe(201);
  const id = ((await created.json()) as { booking: { id: number } }).booking.id;

  const statements: InStatement[] = [];
  const execute = h.db.client.execute.bind(h.db.client);
  h.db.client.execute = ((stmt: InStatement) => (statements.push(stmt), execute(stmt))) as typeof h.db.client.execute;
  expect((await getBooking(h.db.orm, id))?.id).toBe(id);
  h.db.client.execute = execute;

  expect(statements.length).toBeGreaterThanOrEqual(5);
  for (const stmt of statements) {
    const { sql, args } = typeof stmt === "string" ? { sql: stmt, args: [] } : stmt;
    const plan = await h.db.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: args ?? [] });
    const scans = plan.rows.map((r) => String(r.detail)).filter((d) => /^SCAN /.test(d));
    expect({ sql, scans }).toEqual({ sql, scans: [] });
  }
});
