// "Book in YClients" per service (issue 18): the booking flow sends a client who chose a flagged
// service to the salon's YClients form with the service and master carried over by their YClients
// ids; everything else is booked here. The address is built from digits only.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { signedIn } from "../../session/test-browser.ts";
import { importLinks } from "../schema.ts";
import { readHybrid } from "./hybrid.ts";

const API = "/api/v1/businesses/salon/yclients-hybrid";
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  // as the import links them: service 1 and master 2 (Anna) are known in YClients, service 3 is not
  const link = (entity: string, localId: number, externalId: string) => ({ source: "yclients" as const, entity, localId, externalId, fingerprint: "", createdAt: 0, updatedAt: 0 });
  await h.db.write((tx) => tx.insert(importLinks).values([link("service", 1, "12345"), link("staff", 2, "777")]));
});
afterEach(() => h.close());

const time = (query: string) => h.request(`/salon/book/time?${query}`, { redirect: "manual" });

test("a flagged service goes to the YClients form with its service and master; others stay here", async () => {
  expect((await h.api("GET", API)).status).toBe(200);
  const set = await h.api("PUT", API, { form_id: "123456", company_id: "654321", service_ids: [1, 3] });
  expect(set.status).toBe(200);
  expect(await set.json()).toEqual({ hybrid: { form_id: "123456", company_id: "654321", service_ids: [1, 3] } });

  const withAnna = await time("s=1&m=2");
  expect(withAnna.status).toBe(303);
  expect(withAnna.headers.get("location")).toBe("https://n123456.yclients.com/company/654321/personal/select-time?o=m777s12345");
  expect((await time("s=1&m=any")).headers.get("location")).toBe("https://n123456.yclients.com/company/654321/personal/select-time?o=m-1s12345");
  // flagged but never linked by the import: nothing to carry over, so it is booked here
  expect((await time("s=3&m=any")).status).toBe(200);
  expect((await time("s=2&m=any")).status).toBe(200);

  expect((await h.api("PUT", API, { form_id: "123456", company_id: "654321", service_ids: [] })).status).toBe(200);
  expect((await time("s=1&m=2")).status).toBe(200);
});

test("only digits make the address; an unknown service is refused", async () => {
  for (const form_id of ["1.evil.com/", "abc", "0", "123456@attacker"]) {
    const res = await h.api("PUT", API, { form_id, company_id: "654321", service_ids: [1] });
    expect(res.status).toBe(400);
  }
  expect((await h.api("PUT", API, { form_id: "1", company_id: "2", service_ids: [99999] })).status).toBe(400);
  expect((await h.api("PUT", API, { form_id: "1", company_id: "2", service_ids: [1] }, { auth: false })).status).toBe(401);
});

test("the owner sets it on the admin's YClients settings page; a manager may not", async () => {
  const owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  const page = "/salon/admin/settings/yclients";
  expect(await (await owner.get(page)).text()).toContain('name="service_ids"');
  const refused = await owner.post(page, { form_id: "n123", company_id: "654321", service_ids: ["1"] });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain('value="n123"');
  expect((await owner.post(page, { form_id: "123456", company_id: "654321", service_ids: ["1"] })).status).toBe(303);
  expect(await readHybrid(h.db.orm)).toEqual({ formId: "123456", companyId: "654321", serviceIds: [1] });
  const manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
  expect((await manager.get(page)).status).toBe(403);
});
