import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { addUser, resetPassword } from "../account/users.ts";
import { AppError } from "../error/app-error.ts";
import { logIn } from "./login.ts";
import { sessions } from "./schema.ts";
import { liveSessionCount, SESSION_IDLE_MS, SESSION_MAX_MS } from "./session.ts";
import { browser, signedIn } from "./test-browser.ts";
import { PEER_HEADER } from "../http/peer.ts";
import { ACCOUNT_CEILING, IP_LIMIT, MAX_DELAY_MS, PAIR_FREE, pairDelay } from "./throttle.ts";

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const DAY = 86_400_000;
let n = 0;
const email = () => `user${++n}@salon.test`;

describe("sign in and out", () => {
  test("the login page sets a CSRF cookie; a wrong password is refused with one vague message", async () => {
    const who = email();
    await addUser({ db: h.db, clock: h.clock }, { email: who, password: "right password", role: "manager" });
    const b = browser(h);
    const page = await b.get(`/${h.slug}/admin/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="_csrf"');
    const wrong = await b.post(`/${h.slug}/admin/login`, { email: who, password: "wrong password" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Неверная почта или пароль");
    expect(b.cookies.has(`zapis_session_${h.slug}`)).toBe(false);
    const unknown = await b.post(`/${h.slug}/admin/login`, { email: "nobody@salon.test", password: "whatever1" });
    expect(unknown.status).toBe(401);
  });

  test("a right password opens an HttpOnly, SameSite=Lax session stored only as a hash", async () => {
    const who = email();
    await addUser({ db: h.db, clock: h.clock }, { email: who, password: "right password", role: "owner" });
    const b = browser(h);
    const res = await b.post(`/${h.slug}/admin/login`, { email: who.toUpperCase(), password: "right password", next: `/${h.slug}/admin/clients` });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/${h.slug}/admin/clients`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`zapis_session_${h.slug}=`))!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    const token = b.cookies.get(`zapis_session_${h.slug}`)!;
    const stored = await h.db.orm.select({ hash: sessions.tokenHash }).from(sessions);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((s) => s.hash === token)).toBe(false);
    expect((await b.get(`/${h.slug}/admin/account`)).status).toBe(200);
  });

  test("next never leads outside this salon's admin", async () => {
    const who = email();
    await addUser({ db: h.db, clock: h.clock }, { email: who, password: "right password", role: "owner" });
    for (const next of ["https://evil.example/", "//evil.example", "/other-salon/admin", `/${h.slug}/admin//evil.example`]) {
      const res = await browser(h).post(`/${h.slug}/admin/login`, { email: who, password: "right password", next });
      expect(res.headers.get("location")).toBe(`/${h.slug}/admin`);
    }
  });

  test("without a session, pages redirect to sign in (htmx gets HX-Redirect)", async () => {
    const page = await h.request(`/${h.slug}/admin/account?x=1`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/${h.slug}/admin/login?next=${encodeURIComponent(`/${h.slug}/admin/account?x=1`)}`);
    const fragment = await h.request(`/${h.slug}/admin/account`, { headers: { "hx-request": "true" } });
    expect(fragment.status).toBe(401);
    expect(fragment.headers.get("hx-redirect")).toContain(`/${h.slug}/admin/login`);
  });

  test("signing out ends the session in the database, not only in the browser", async () => {
    const b = await signedIn(h, { email: email() });
    const token = b.cookies.get(`zapis_session_${h.slug}`)!;
    const out = await b.post(`/${h.slug}/admin/logout`);
    expect(out.status).toBe(303);
    expect(b.cookies.has(`zapis_session_${h.slug}`)).toBe(false);
    const replay = await h.request(`/${h.slug}/admin/account`, { headers: { cookie: `zapis_session_${h.slug}=${token}` } });
    expect(replay.status).toBe(303);
  });

  test("CSRF: a post without the token is refused and changes nothing", async () => {
    const who = email();
    await addUser({ db: h.db, clock: h.clock }, { email: who, password: "right password", role: "owner" });
    const b = browser(h);
    const res = await b.post(`/${h.slug}/admin/login`, { email: who, password: "right password" }, { csrf: false });
    expect(res.status).toBe(403);
    expect(b.cookies.has(`zapis_session_${h.slug}`)).toBe(false);
    const inside = await signedIn(h, { email: email() });
    const change = await inside.post(`/${h.slug}/admin/account/password`, { current: "correct horse battery", next: "another password" }, { csrf: false });
    expect(change.status).toBe(403);
  });
});

describe("session expiry", () => {
  test("slides while used, ends after a week idle, and ends after 30 days whatever happens", async () => {
    const b = await signedIn(h, { email: email() });
    const page = () => b.get(`/${h.slug}/admin/account`).then((r) => r.status);
    const start = h.clock.now();
    h.clock.advance(SESSION_IDLE_MS - DAY);
    expect(await page()).toBe(200); // renews
    h.clock.advance(SESSION_IDLE_MS - DAY);
    expect(await page()).toBe(200); // 12 days after sign-in, still in thanks to the slide
    while (h.clock.now() + 5 * DAY - start < SESSION_MAX_MS) {
      h.clock.advance(5 * DAY);
      expect(await page()).toBe(200);
    }
    h.clock.set(start + SESSION_MAX_MS + 1);
    expect(await page()).toBe(303);

    const idle = await signedIn(h, { email: email() });
    h.clock.advance(SESSION_IDLE_MS + 60_000);
    expect((await idle.get(`/${h.slug}/admin/account`)).status).toBe(303);
  });
});

describe("throttling", () => {
  test("wrong passwords slow down that address with growing delays; the owner elsewhere signs in", async () => {
    const who = email();
    await addUser({ db: h.db, clock: h.clock }, { email: who, password: "right password", role: "owner" });
    const attacker = browser(h);
    const from = (ip: string) => ({ headers: { [PEER_HEADER]: ip } });
    const guess = (password: string) => attacker.post(`/${h.slug}/admin/login`, { email: who, password }, from("203.0.113.7"));
    for (let i = 0; i < PAIR_FREE; i++) expect((await guess(`wrong ${i}`)).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await guess("right password"); // checked before the password: a waiting address learns nothing
      expect(refused.status).toBe(429);
      waits.push(Number(refused.headers.get("retry-after")));
      h.clock.advance(waits[i]! * 1000);
      expect((await guess(`wrong again ${i}`)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect(await (await guess("right password")).text()).toContain("Попробуйте через 16 с.");
    // Seven failures from one address; the owner at home is not locked out, not even for a second.
    const owner = browser(h);
    expect((await owner.post(`/${h.slug}/admin/login`, { email: who, password: "right password" }, from("198.51.100.20"))).status).toBe(303);
  });

  test("the delay doubles from the fourth failure up to a cap", () => {
    expect([0, 2, 3, 4, 5, 12, 13, 40].map(pairDelay)).toEqual([0, 0, 1000, 2000, 4000, 512_000, MAX_DELAY_MS, MAX_DELAY_MS]);
  });

  test("spraying one account from many addresses hits a ceiling that a fresh address passes", async () => {
    const deps = { db: h.db, clock: h.clock };
    const who = email();
    await addUser(deps, { email: who, password: "right password", role: "owner" });
    const attempt = (ip: string, password: string) => logIn(deps, { email: who, password, ip, userAgent: null }).catch((e: AppError) => e.code);
    for (let i = 0; i < ACCOUNT_CEILING; i++) expect(await attempt(`10.0.${i >> 8}.${i & 255}`, "nope-nope")).toBe("UNAUTHORIZED");
    // An address that already failed here waits out the window, though its own count is still free…
    expect(await attempt("10.0.0.0", "right password")).toBe("RATE_LIMITED");
    // …a fresh one (the owner's phone) still gets to type, and its typo costs it alone.
    expect(await attempt("198.51.100.30", "nope-nope")).toBe("UNAUTHORIZED");
    expect(await attempt("198.51.100.30", "right password")).toBe("RATE_LIMITED");
    expect(typeof (await attempt("198.51.100.31", "right password"))).toBe("object");
  }, 60_000); // 53 real argon2id verifications

  test("one address guessing many accounts is locked too; another address is not", async () => {
    const deps = { db: h.db, clock: h.clock };
    const victim = email();
    await addUser(deps, { email: victim, password: "right password", role: "owner" });
    for (let i = 0; i < IP_LIMIT; i++) {
      await expect(logIn(deps, { email: `guess${i}@x.test`, password: "nope-nope", ip: "203.0.113.9", userAgent: null })).rejects.toThrow(AppError);
    }
    const err = await logIn(deps, { email: victim, password: "right password", ip: "203.0.113.9", userAgent: null }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("RATE_LIMITED");
    const ok = await logIn(deps, { email: victim, password: "right password", ip: "198.51.100.1", userAgent: null });
    expect(ok.token.length).toBeGreaterThan(20);
  }, 30_000); // 21 real argon2id verifications: seconds on a busy machine
});

describe("passwords", () => {
  test("changing the password needs the current one and signs other devices out", async () => {
    const who = email();
    const here = await signedIn(h, { email: who });
    const there = await signedIn(h, { email: who, create: false });
    const wrong = await here.post(`/${h.slug}/admin/account/password`, { current: "not it", next: "brand new password" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Текущий пароль указан неверно");
    const short = await here.post(`/${h.slug}/admin/account/password`, { current: "correct horse battery", next: "short" });
    expect(await short.text()).toContain("не короче 8");
    const ok = await here.post(`/${h.slug}/admin/account/password`, { current: "correct horse battery", next: "brand new password" });
    expect(ok.status).toBe(200);
    expect((await here.get(`/${h.slug}/admin/account`)).status).toBe(200);
    expect((await there.get(`/${h.slug}/admin/account`)).status).toBe(303);
    expect((await signedIn(h, { email: who, password: "brand new password", create: false })).cookies.size).toBeGreaterThan(0);
  });

  test("a reset (CLI) ends every session of the account", async () => {
    const who = email();
    const b = await signedIn(h, { email: who });
    const [user] = await h.db.orm.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.tokenHash, new Bun.CryptoHasher("sha256").update(b.cookies.get(`zapis_session_${h.slug}`)!).digest("hex")));
    await resetPassword({ db: h.db, clock: h.clock }, { email: who, password: "reset password" });
    expect(await liveSessionCount(h.db.orm, user!.userId, h.clock.now())).toBe(0);
    expect((await b.get(`/${h.slug}/admin/account`)).status).toBe(303);
  });
});

describe("https", () => {
  test("behind an https public URL the session cookie is Secure", async () => {
    const hs = await makeHarness({ env: { ZAPIS_PUBLIC_URL: "https://book.example.com" } });
    try {
      await addUser({ db: hs.db, clock: hs.clock }, { email: "o@x.test", password: "right password", role: "owner" });
      const res = await browser(hs).post(`/${hs.slug}/admin/login`, { email: "o@x.test", password: "right password" });
      expect(res.headers.getSetCookie().find((c) => c.startsWith("zapis_session_"))).toContain("; Secure");
    } finally {
      hs.close();
    }
  });
});
