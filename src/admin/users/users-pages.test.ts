// The owner's users page: add accounts (a master's linked to their column), block and unblock,
// set a password — owner only, audited, and the salon never loses its last owner.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { users } from "../../account/schema.ts";
import { auditLog } from "../../audit/schema.ts";
import { browser, signedIn, type TestBrowser } from "../../session/test-browser.ts";

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;
const ANNA = 2;

const account = async (email: string) => (await h.db.orm.select().from(users).where(eq(users.email, email)))[0];
const signIn = async (email: string, password: string) => {
  const b = browser(h);
  return { b, res: await b.post(`/${h.slug}/admin/login`, { email, password }) };
};

beforeAll(async () => {
  h = await makeHarness();
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
});
afterAll(() => h.close());

describe("users page", () => {
  test("owner only", async () => {
    expect((await manager.get(`/${h.slug}/admin/users`)).status).toBe(403);
    const res = await manager.post(`/${h.slug}/admin/users`, { email: "sneaky@salon.test", role: "owner", password: "long enough pw" });
    expect(res.status).toBe(403);
    expect(await account("sneaky@salon.test")).toBeUndefined();
  });

  test("adds a master's account, linked to that master, which can sign in; the addition is audited", async () => {
    const res = await owner.post(`/${h.slug}/admin/users`, { email: "Anna@Salon.test", name: "Анна", role: "staff", staff_id: String(ANNA), password: "anna password 1" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("anna@salon.test");
    expect((await account("anna@salon.test"))?.staffId).toBe(ANNA);
    const { res: login } = await signIn("anna@salon.test", "anna password 1");
    expect(login.status).toBe(303);
    const audit = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "user.create"));
    expect(audit.map((a) => a.actor)).toContain(`user:${(await account("owner@salon.test"))!.id}`);
  });

  test("refuses bad input with messages, keeps what was typed, and writes nothing", async () => {
    const res = await owner.post(`/${h.slug}/admin/users`, { email: "not-an-email", name: "Кто-то", role: "staff", password: "short" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("пароль должен быть не короче 8 символов");
    expect(html).toContain("неверный email");
    expect(html).toContain('value="Кто-то"');
    const taken = await owner.post(`/${h.slug}/admin/users`, { email: "manager@salon.test", role: "manager", password: "long enough pw" });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("уже есть");
    expect((await h.db.orm.select().from(users)).length).toBe(3);
  });

  test("blocking ends the account's sessions; unblocking lets it sign in again", async () => {
    const { b: anna } = await signIn("anna@salon.test", "anna password 1");
    expect((await anna.get(`/${h.slug}/admin`)).status).toBe(200);
    const id = (await account("anna@salon.test"))!.id;
    expect((await owner.post(`/${h.slug}/admin/users/${id}/disable`)).status).toBe(303);
    expect((await anna.get(`/${h.slug}/admin`)).status).toBe(303); // back to the sign-in page
    expect((await signIn("anna@salon.test", "anna password 1")).res.status).not.toBe(303);
    expect((await owner.post(`/${h.slug}/admin/users/${id}/enable`)).status).toBe(303);
    expect((await signIn("anna@salon.test", "anna password 1")).res.status).toBe(303);
  });

  test("sets a new password; the old one stops working", async () => {
    const id = (await account("anna@salon.test"))!.id;
    const res = await owner.post(`/${h.slug}/admin/users/${id}/password`, { password: "brand new password" });
    expect(await res.text()).toContain("Пароль изменён");
    expect((await signIn("anna@salon.test", "anna password 1")).res.status).not.toBe(303);
    expect((await signIn("anna@salon.test", "brand new password")).res.status).toBe(303);
  });

  test("the last active owner cannot be blocked", async () => {
    const ownerId = (await account("owner@salon.test"))!.id;
    const res = await owner.post(`/${h.slug}/admin/users/${ownerId}/disable`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("последний активный владелец");
    expect((await account("owner@salon.test"))?.disabled).toBe(false);
  });
});
